package net.portforward.ui.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.watch.RouterChange;
import org.junit.jupiter.api.Test;

/** The popup's text: long sentences broken into lines, at most four changes and a count of the rest. */
class ChangeNotifierTextTest {
    @Test
    void longSentencesAreBrokenAtSpacesAndNothingIsLost() {
        String sentence = "Router restarted: 3 mappings are gone (it forgot this program's event subscription)";
        String wrapped = ChangeNotifier.wrap(sentence);
        for (String line : wrapped.split("\n")) {
            assertTrue(line.length() <= ChangeNotifier.WRAP_AT, line);
        }
        assertEquals(sentence, wrapped.replace('\n', ' '));
        assertEquals("short", ChangeNotifier.wrap("short"));
    }

    @Test
    void manyChangesShowFourAndCountTheRest() {
        List<RouterChange> changes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            changes.add(new RouterChange.ExternalAddressChanged(Instant.EPOCH, "25.77.0." + i, "25.77.0." + (i + 1)));
        }
        changes.add(new RouterChange.ConnectionStatusChanged(Instant.EPOCH, ConnectionStatus.CONNECTED,
                ConnectionStatus.DISCONNECTED));
        String text = ChangeNotifier.text(changes);
        assertEquals(5, text.split("\n").length, text);
        assertTrue(text.endsWith("\u2026 and 3 more."), text);
    }
}
