package net.portforward.ledger.preset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.portforward.engine.error.Fact;
import net.portforward.files.AtomicFile;
import net.portforward.files.FolderLock;
import net.portforward.files.OwnFiles;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;

/**
 * The built-in presets and the user's own, kept in the data folder as {@code presets.txt}: a
 * {@code [name]} line, an optional {@code about = …} line, then one line of ports per group, such
 * as {@code TCP+UDP 27015-27030}. Easy to write by hand; a line that cannot be read is reported
 * with its number.
 */
public final class Presets {
    static final String FILE = "presets.txt";

    /**
     * Well-known ports, each from the software's own documentation or the IANA port registry
     * (named in {@code about}).
     */
    public static final List<Preset> BUILT_IN = List.of(
            builtIn("Minecraft Java server", "Minecraft: Java Edition's default server-port (Minecraft Wiki,"
                    + " server.properties).", "TCP 25565"),
            builtIn("Minecraft Bedrock server", "Bedrock Dedicated Server's default server-port (its"
                    + " server.properties).", "UDP 19132"),
            builtIn("Steam game server", "Source Dedicated Server's default game port, UDP for play and TCP for RCON"
                    + " (Valve Developer Community, Source Dedicated Server).", "TCP+UDP 27015"),
            builtIn("Remote Desktop", "Microsoft Remote Desktop (IANA ms-wbt-server; Microsoft's Remote Desktop"
                    + " documentation).", "TCP 3389"),
            builtIn("Web server", "HTTP and HTTPS (IANA http 80, https 443). Routers that only forward ports above"
                    + " 1023 (miniupnpd's default rules) refuse these.", "TCP 80", "TCP 443"),
            builtIn("Plex Media Server", "Plex's remote access port (Plex support: manual port forwarding).",
                    "TCP 32400"));

    private final Path dataDir;
    private final Path file;

    public Presets(Path dataDir) {
        this.dataDir = dataDir;
        this.file = dataDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    private static Preset builtIn(String name, String about, String... specs) {
        List<PortSpec> ports = new ArrayList<>();
        for (String s : specs) {
            try {
                ports.add(PortSpec.parse(s));
            } catch (InvalidInputException e) {
                throw new IllegalStateException(s, e);
            }
        }
        return new Preset(name, about, ports, true);
    }

    /** Built-in first, then the user's; a user preset with a built-in's name replaces it. */
    public List<Preset> all() throws PortForwardException {
        List<Preset> own = own();
        List<Preset> out = new ArrayList<>();
        for (Preset b : BUILT_IN) {
            if (own.stream().noneMatch(o -> same(o.name(), b.name()))) {
                out.add(b);
            }
        }
        out.addAll(own);
        return out;
    }

    public Optional<Preset> find(String name) throws PortForwardException {
        return all().stream().filter(p -> same(p.name(), name)).findFirst();
    }

    public Preset get(String name) throws PortForwardException {
        Optional<Preset> found = find(name);
        if (found.isEmpty()) {
            throw new InvalidInputException(PresetFact.NO_SUCH_PRESET.with(name, names()));
        }
        return found.get();
    }

    private List<String> names() throws PortForwardException {
        return all().stream().map(Preset::name).toList();
    }

    /** Saves (or replaces) one of the user's presets. */
    public synchronized void save(Preset preset) throws PortForwardException {
        String name = preset.name().strip();
        if (name.isEmpty() || name.contains("[") || name.contains("]") || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(PresetFact.BAD_NAME.with());
        }
        if (preset.ports().isEmpty()) {
            throw new InvalidInputException(PresetFact.NO_PORTS.with());
        }
        Preset saved = new Preset(name, preset.about().replace('\n', ' ').replace('\r', ' '), preset.ports(), false);
        change(own -> {
            own.removeIf(p -> same(p.name(), name));
            own.add(saved);
        });
    }

    /** Deletes one of the user's presets; built-in ones cannot be deleted. */
    public synchronized void delete(String name) throws PortForwardException {
        change(own -> {
            if (!own.removeIf(p -> same(p.name(), name))) {
                throw new InvalidInputException((BUILT_IN.stream().anyMatch(p -> same(p.name(), name))
                        ? PresetFact.BUILT_IN : PresetFact.NOT_YOURS).with(name));
            }
        });
    }

    private interface Change {
        void apply(List<Preset> own) throws PortForwardException;
    }

    /**
     * Reads the user's presets, changes and writes them under the data folder's lock: the window
     * and a command line may save presets at the same moment, and neither may lose the other's.
     */
    private void change(Change how) throws PortForwardException {
        try {
            FolderLock.holding(dataDir, () -> {
                List<Preset> own = new ArrayList<>(own());
                how.apply(own);
                write(own);
                return null;
            });
        } catch (IOException e) {
            throw new PortForwardException(PresetFact.CANNOT_SAVE.with(file, e.getMessage()), e);
        }
    }

    private static boolean same(String a, String b) {
        return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }

    /** The user's presets; the file's problems, with line numbers, as one exception. */
    public List<Preset> own() throws PortForwardException {
        List<String> lines;
        try {
            lines = OwnFiles.readString(file).map(text -> text.lines().toList()).orElse(List.of());
        } catch (IOException e) {
            throw new PortForwardException(PresetFact.CANNOT_READ.with(file, e.getMessage()), e);
        }
        List<Preset> out = new ArrayList<>();
        List<Fact> problems = new ArrayList<>();
        String name = null;
        String about = "";
        List<PortSpec> ports = new ArrayList<>();
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i).strip() : "[";
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (name != null && !ports.isEmpty()) {
                    out.add(new Preset(name, about, ports, false));
                }
                if (i < lines.size()) {
                    if (!line.endsWith("]") || line.length() < 3) {
                        problems.add(PresetFact.LINE_NOT_A_NAME.with(i + 1));
                        name = null;
                        continue;
                    }
                    name = line.substring(1, line.length() - 1).strip();
                    about = "";
                    ports = new ArrayList<>();
                }
                continue;
            }
            if (name == null) {
                problems.add(PresetFact.LINE_BEFORE_NAME.with(i + 1));
            } else if (line.toLowerCase(Locale.ROOT).startsWith("about")) {
                about = line.substring(line.indexOf('=') + 1).strip();
            } else {
                try {
                    ports.add(PortSpec.parse(line));
                } catch (InvalidInputException e) {
                    problems.add(PresetFact.LINE_PROBLEM.with(i + 1, e));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(PresetFact.FILE_PROBLEMS.with(file, problems));
        }
        return out;
    }

    private void write(List<Preset> own) throws PortForwardException {
        StringBuilder sb = new StringBuilder("# PortForward presets: [name], about = what it is for, then one line of"
                + " ports each,\n# such as TCP 3389, TCP+UDP 27015-27030 or TCP 8080->80.\n");
        for (Preset p : own) {
            sb.append('\n').append('[').append(p.name()).append("]\n");
            if (!p.about().isBlank()) {
                sb.append("about = ").append(p.about()).append('\n');
            }
            for (PortSpec s : p.ports()) {
                sb.append(s).append('\n');
            }
        }
        try {
            AtomicFile.write(file, sb.toString());
        } catch (IOException e) {
            throw new PortForwardException(PresetFact.CANNOT_SAVE.with(file, e.getMessage()), e);
        }
    }
}
