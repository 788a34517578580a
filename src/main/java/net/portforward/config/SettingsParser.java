package net.portforward.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.portforward.engine.error.Fact;

/**
 * Turns an {@link IniFile} into {@link Settings}, key by key as {@link SettingsTable} lists them.
 * A value that does not make sense is reported with its line and replaced by the default (or by an
 * earlier good line for the same key), so a typo in one setting never stops PortForward from
 * starting.
 */
public final class SettingsParser {

    private static final Pattern CHECKER = Pattern.compile("checker\\.([1-9][0-9]{0,8})");

    private final IniFile ini;
    private final UserFolders folders;
    private final List<IniFile.Problem> problems = new ArrayList<>();
    private final Map<SettingKey<?>, Object> values;
    private final TreeMap<Integer, Proxy> checkers = new TreeMap<>();

    private SettingsParser(IniFile ini, UserFolders folders) {
        this.ini = ini;
        this.folders = folders;
        this.values = SettingsTable.defaults(folders);
    }

    /**
     * @param source how to name the file in problem messages
     * @param home the user's home folder, for {@code data-dir = ~/…}
     * @param defaultDataDir used when {@code data-dir} is empty, missing or broken
     */
    public static Settings parse(String source, String text, Path home, Path defaultDataDir) {
        return parse(IniFile.parse(source, text), new UserFolders(home, defaultDataDir));
    }

    public static Settings parse(IniFile ini, UserFolders folders) {
        return new SettingsParser(ini, folders).run();
    }

    private Settings run() {
        problems.addAll(ini.problems());
        boolean proxiesSection = false;
        for (IniFile.Header h : ini.headers()) {
            proxiesSection |= h.name().equals(SettingsTable.PROXIES);
            if (!SettingsTable.SECTIONS.contains(h.name())) {
                problems.add(ini.problem(h.line(), SettingsFact.UNKNOWN_SECTION.with(h.name(), SettingsTable.SECTIONS)));
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (IniFile.Entry e : ini.entries()) {
            if (e.section().isEmpty()) {
                problems.add(ini.problem(e.line(), SettingsFact.BEFORE_SECTION.with(e.text())));
            } else if (SettingsTable.SECTIONS.contains(e.section())) { // unknown sections were reported once above
                Integer earlier = seen.put(e.section() + "." + e.key(), e.line());
                if (earlier != null) {
                    problems.add(ini.problem(e.line(), SettingsFact.SET_AGAIN.with(e.text(), e.key(), earlier)));
                }
                apply(e);
            }
        }
        // Problems from the syntax pass and from here interleave; the user reads them top to bottom.
        problems.sort(Comparator.comparingInt(IniFile.Problem::line));
        // An empty [proxies] section is how a user turns checks off; no section at all means defaults.
        List<Proxy> proxies = proxiesSection ? List.copyOf(checkers.values()) : Settings.DEFAULT_PROXIES;
        return SettingsTable.settings(values, proxies, folders, problems.stream().map(IniFile.Problem::fact).toList());
    }

    private void apply(IniFile.Entry e) {
        Optional<SettingKey<?>> key = SettingsTable.KEYS.stream()
                .filter(k -> k.section().equals(e.section()) && k.name().equals(e.key())).findFirst();
        if (key.isPresent()) {
            read(key.get(), e);
            return;
        }
        Matcher m = CHECKER.matcher(e.key());
        if (e.section().equals(SettingsTable.PROXIES) && m.matches()) {
            checker(e, Integer.parseInt(m.group(1)));
        } else {
            unknownKey(e);
        }
    }

    /** A value that does not read keeps the one before it (the default, or an earlier good line). */
    private <T> void read(SettingKey<T> key, IniFile.Entry e) {
        ValueType.Reading<T> r = key.type().read(e.value(), folders);
        if (r.ok()) {
            values.put(key, r.value());
        } else {
            @SuppressWarnings("unchecked")
            T before = (T) values.get(key);
            problems.add(ini.problem(e.line(), SettingsFact.WRONG_VALUE.with(e.text(), r.mistake(),
                    key.type().instead(before, folders))));
        }
    }

    private void checker(IniFile.Entry e, int number) {
        try {
            checkers.put(number, Proxy.parse(e.value()));
        } catch (Proxy.Mistake broken) {
            problems.add(ini.problem(e.line(), SettingsFact.CHECKER_LEFT_OUT.with(e.text(), broken.fact())));
        }
    }

    private void unknownKey(IniFile.Entry e) {
        Fact said = SettingsTable.KEYS.stream()
                .filter(k -> k.name().equals(e.key()))
                .map(k -> SettingsFact.BELONGS_IN.with(e.key(), e.section(), k.section()))
                .findFirst()
                .orElse((e.key().startsWith("checker.") ? SettingsFact.CHECKERS_GO_IN_PROXIES
                        : SettingsFact.NOT_IN_SECTION).with(e.key(), e.section()));
        problems.add(ini.problem(e.line(), said));
    }
}
