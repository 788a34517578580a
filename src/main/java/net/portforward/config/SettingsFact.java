package net.portforward.config;

import net.portforward.engine.error.Phrase;

/**
 * What reading, writing and checking the settings file tells: the file's mistakes line by line,
 * and why it could not be read or saved. The values name the file, the line and what it says.
 */
public enum SettingsFact implements Phrase {
    /** {0} the file, {1} the line number, {2} what is wrong there */
    AT_LINE,
    /** {0} the line as written */
    NOT_A_HEADER,
    NOT_A_SETTING,
    BEFORE_SECTION,
    /** {0} the section, {1} the known ones */
    UNKNOWN_SECTION,
    /** {0} the line as written, {1} the setting, {2} the earlier line */
    SET_AGAIN,
    /** {0} the line as written, {1} what is wrong with the value (a mistake), {2} what is used instead */
    WRONG_VALUE,
    /** What is used instead: {0} the value */
    USING,
    SEARCHING_INSTEAD,
    /** {0} the line as written, {1} what is wrong with the checker */
    CHECKER_LEFT_OUT,
    /** {0} the setting, {1} the section */
    NOT_IN_SECTION,
    /** The same, {2} the section it belongs in */
    BELONGS_IN,
    CHECKERS_GO_IN_PROXIES,
    /** A checker's mistakes. {0} an example */
    CHECKER_NEEDS_TYPE_AND_URL,
    /** {0} the type written, {1} the known types */
    CHECKER_UNKNOWN_TYPE,
    /** {0} the placeholder */
    CHECKER_NEEDS_PORT,
    /** {0} the address written */
    CHECKER_NOT_WEB_ADDRESS,
    /** {0} the file, {1} why */
    CANNOT_CREATE,
    CANNOT_READ,
    /** {0} the file given with --config */
    CONFIG_MISSING,
    /** {0} the file, {1} where it was looked for */
    CONFIG_MISSING_AT,
    /** {0} the file, {1} why */
    CONFIG_UNREADABLE,
    CANNOT_SAVE,
    /** {0} the file */
    FOREIGN_LINK,
    /** Why a file could not be used: {0} the file */
    PERMISSION_DENIED,
    IN_THE_WAY,
    DOES_NOT_EXIST,
    /** {0} the system's own words */
    SYSTEM_SAID;

    @Override
    public String key() {
        return "settings." + name();
    }
}
