package net.portforward.config;

import java.util.function.Function;

/**
 * One key of portforward.ini: where it lives ({@code [section] name}), the kind of its value,
 * its default as the shipped file writes it, and the field of {@link Settings} it fills.
 *
 * @param id how the settings dialog names the key (its control's id, its texts' keys)
 * @param defaultText the value a missing key means, exactly as the shipped portforward.ini has it
 */
public record SettingKey<T>(String section, String name, String id, ValueType<T> type, String defaultText,
                            Function<Settings, T> field) {

    /** The default value, read like any other value (an empty data-dir means the usual folder). */
    public T defaultValue(UserFolders folders) {
        ValueType.Reading<T> r = type.read(defaultText, folders);
        if (!r.ok()) {
            throw new IllegalStateException("The default of [" + section + "] " + name + " does not read: " + defaultText);
        }
        return r.value();
    }

    /** The value in {@code settings} as the file writes it. */
    public String write(Settings settings, UserFolders folders) {
        return type.write(field.apply(settings), folders);
    }

    @Override
    public String toString() {
        return "[" + section + "] " + name;
    }
}
