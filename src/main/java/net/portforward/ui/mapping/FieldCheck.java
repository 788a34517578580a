package net.portforward.ui.mapping;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import net.portforward.engine.error.InputMistake;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.ui.common.ErrorReport;

/** One field of the Add/Edit form checked as it is typed: its value, or the sentence why not. */
final class FieldCheck {
    /** Reads a field's text, or says why it cannot. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text) throws InvalidInputException;
    }

    /** A field as the user sees it: its name (the bundle's missing.NAME), text and error sentence. */
    private record Shown(String name, boolean required, String text, String error) {
        Shown(StringProperty field, boolean required, ReadOnlyStringProperty error) {
            this(field.getName(), required, field.get(), error.get());
        }
    }

    private FieldCheck() {
    }

    /**
     * What OK waits for, in one sentence for the line above it: a field typed wrong first (its
     * own error under it says how), else every required field still empty, also those not
     * touched yet, whose own "required" line stays hidden until then so nothing else would say
     * it. Empty when nothing is missing.
     */
    static String whatOkWaitsFor(MappingForm form) {
        List<Shown> fields = new ArrayList<>();
        boolean anyPort = form.anyPortProperty().get();
        if (!anyPort) {
            fields.add(new Shown(form.externalPortProperty(), true, form.externalPortErrorProperty()));
        }
        if (anyPort || !form.samePortProperty().get()) {
            fields.add(new Shown(form.internalPortProperty(), true, form.internalPortErrorProperty()));
        }
        fields.add(new Shown(form.internalClientProperty(), true, form.internalClientErrorProperty()));
        if (!form.permanentProperty().get()) {
            fields.add(new Shown(form.leaseProperty(), true, form.leaseErrorProperty()));
        }
        fields.add(new Shown(form.descriptionProperty(), false, form.descriptionErrorProperty()));
        boolean protocolChosen = form.protocolProperty().get() != null;
        List<String> empty = new ArrayList<>();
        if (!protocolChosen) {
            empty.add(MappingForm.text("missing.protocol"));
        }
        for (Shown field : fields) {
            if (field.text() == null || field.text().isBlank()) {
                if (field.required()) {
                    empty.add(MappingForm.text("missing." + field.name()));
                }
            } else if (!field.error().isEmpty()) {
                return MappingForm.text("okWaits.wrong", MappingForm.text("missing." + field.name()));
            }
        }
        if (empty.isEmpty()) {
            return "";
        }
        String list = empty.size() == 1 ? empty.get(0)
                : String.join(", ", empty.subList(0, empty.size() - 1)) + " " + MappingForm.text("missing.and") + " "
                        + empty.get(empty.size() - 1);
        return MappingForm.text("okWaits.missing", list);
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
            error.set(ErrorReport.of("", e).sentence());
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
            error.set(ErrorReport.of("", e).sentence());
            return null;
        }
    }

    /** A port number in {@code text}, or null. */
    static Integer port(String text) {
        try {
            return MappingRules.parsePort(text == null ? "" : text, InputMistake.PORT);
        } catch (InvalidInputException e) {
            return null;
        }
    }
}
