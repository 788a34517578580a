package net.portforward.ui.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.scene.control.ChoiceBox;
import javafx.util.StringConverter;
import net.portforward.ui.common.Languages;
import net.portforward.ui.common.UiText;

/**
 * The [window] language as a choice: "System (…)" (the empty value: follow the computer) and each
 * language PortForward speaks, by its own name. The value is the code portforward.ini holds
 * (de, pt-BR); a code the file holds that is not offered (sv) is kept and shown by its name.
 */
final class LanguageBox {
    /** The value that follows the computer's language. */
    static final String SYSTEM = "";

    private LanguageBox() {
    }

    static ChoiceBox<String> create(String id, StringProperty typed, ResourceBundle text) {
        List<String> codes = new ArrayList<>();
        codes.add(SYSTEM);
        Languages.SHIPPED.forEach(l -> codes.add(l.tag()));
        String now = shown(typed.get().strip());
        if (!codes.contains(now)) {
            codes.add(now);
        }
        ChoiceBox<String> box = new ChoiceBox<>(FXCollections.observableArrayList(codes));
        box.setId(id);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String code) {
                if (code == null) {
                    return "";
                }
                return code.isEmpty() ? UiText.format(text, "choice.language.system", Languages.ownName(Languages.system()))
                        : Languages.ownName(Locale.forLanguageTag(code));
            }

            @Override
            public String fromString(String s) {
                throw new UnsupportedOperationException("a ChoiceBox never converts back");
            }
        });
        box.setValue(now);
        // Set after the first value, so a file's "de_DE" stays as written until another is picked.
        box.valueProperty().addListener((o, was, code) -> typed.set(code == null ? SYSTEM : code));
        return box;
    }

    /** The offered code a file's value reads as: de_DE and de-AT are Deutsch; an unknown code stays itself. */
    private static String shown(String value) {
        if (value.isEmpty()) {
            return SYSTEM;
        }
        Locale l = Locale.forLanguageTag(value.replace('_', '-'));
        return Languages.shipped(l).map(Languages.Language::tag).orElse(l.toLanguageTag());
    }
}
