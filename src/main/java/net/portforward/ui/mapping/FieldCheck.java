package net.portforward.ui.mapping;

import javafx.beans.property.ReadOnlyStringWrapper;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.mapping.MappingRules;

/** One field of the Add/Edit form checked as it is typed: its value, or the sentence why not. */
final class FieldCheck {
    /** Reads a field's text, or says why it cannot. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text) throws InvalidInputException;
    }

    private FieldCheck() {
    }

    /**
     * The parsed value, or null with the reason in {@code error}; an empty field says it is
     * required only once the user has {@code touched} it.
     */
    static <T> T check(String text, boolean touched, ReadOnlyStringWrapper error, String requiredKey, Parser<T> parser) {
        String value = text == null ? "" : text;
        if (value.isBlank()) {
            error.set(touched ? MappingForm.text(requiredKey) : "");
            return null;
        }
        try {
            T parsed = parser.parse(value);
            error.set("");
            return parsed;
        } catch (InvalidInputException e) {
            error.set(e.getMessage());
            return null;
        }
    }

    /** The description, which is optional, so never "required"; spaces at the ends are typing slips and dropped. */
    static String description(String text, ReadOnlyStringWrapper error) {
        String value = text == null ? "" : text.strip();
        try {
            MappingRules.checkDescription(value);
            error.set("");
            return value;
        } catch (InvalidInputException e) {
            error.set(e.getMessage());
            return null;
        }
    }

    /** A port number in {@code text}, or null. */
    static Integer port(String text) {
        try {
            return MappingRules.parsePort(text == null ? "" : text, "");
        } catch (InvalidInputException e) {
            return null;
        }
    }
}
