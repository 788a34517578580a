package net.portforward.checker;

import net.portforward.engine.error.Phrase;

/**
 * What the checker tells the person who starts it. What it answers the PortForwards that ask it
 * stays English: it cannot know their language, and they show it as the checker's own words.
 */
public enum CheckerFact implements Phrase {
    /** {0} the address, {1} the port, {2} the system's error */
    CANNOT_LISTEN;

    @Override
    public String key() {
        return "checker." + name();
    }
}
