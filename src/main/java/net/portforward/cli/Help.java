package net.portforward.cli;

import java.util.ArrayList;
import java.util.List;
import net.portforward.text.Words;

/**
 * The text of {@code --help}: the commands and options as they are typed (the same in every
 * language), each with what it does in the user's words, wrapped to fit a terminal.
 */
final class Help {
    /** Where descriptions start, and how wide a line may be. */
    private static final int COLUMN = 31;
    private static final int WIDTH = 100;
    private static final String USAGE_OPEN = "java -jar portforward.jar";

    /** A line of syntax and the key of what it does; a syntax too long for its column puts the words below it. */
    private record Entry(String syntax, String key) {
    }

    private static final List<Entry> COMMANDS = List.of(
            new Entry("discover [--json]", "discover"),
            new Entry("info [--all] [--json]", "info"),
            new Entry("list [--json|--csv]", "list"),
            new Entry("add EXTERNAL_PORT PROTOCOL INTERNAL_PORT [--client IP] [--description TEXT] [--lease SECONDS]",
                    "add"),
            new Entry("add any PROTOCOL INTERNAL_PORT [options]", "addAny"),
            new Entry("edit EXTERNAL_PORT PROTOCOL [--client IP] [--internal-port N] [--description TEXT] [--lease SECONDS]",
                    "edit"),
            new Entry("add ... --ipv6", "addIpv6"),
            new Entry("delete EXTERNAL_PORT PROTOCOL", null),
            new Entry("enable EXTERNAL_PORT PROTOCOL", null),
            new Entry("disable EXTERNAL_PORT PROTOCOL", null),
            new Entry("watch [--json] [--count N]", "watch"),
            new Entry("test PORT [--protocol tcp|udp] [--checker URL] [--keep-mapping] [--no-mapping] [--repair] [--ipv6]"
                    + " [--json]", "test"),
            new Entry("pinhole add PORT PROTOCOL [--lease SECONDS] [--keep|--for-now [--hold SECONDS]]", "pinholeAdd"),
            new Entry("pinhole list [--json]", "pinholeList"),
            new Entry("pinhole delete PORT PROTOCOL", "pinholeDelete"),
            new Entry("report [--json]", "report"),
            new Entry("serve [PORT]", "serve"),
            new Entry("checker --listen ADDRESS:PORT [--trust-proxy ADDRESS]", "checker"));

    private static final List<Entry> KEEPING = List.of(
            new Entry("add ... --keep", "keep"),
            new Entry("add ... --for-now [--hold SECONDS]", "forNow"),
            new Entry("add FIRST-LAST TCP|UDP|TCP+UDP [INTERNAL_PORT] [options]", "range"),
            new Entry("restore", "restore"),
            new Entry("cleanup [--keep] [--dry-run]", "cleanup"),
            new Entry("export [--csv] [FILE]", "export"),
            new Entry("import FILE [--dry-run] [--keep|--for-now]", "import"),
            new Entry("preset list", "presetList"),
            new Entry("preset apply NAME [--client IP] [--lease SECONDS] [--keep|--for-now]", null),
            new Entry("preset remove NAME [--client IP]", "presetApply"),
            new Entry("preset save NAME PORTS... [--description TEXT]", "presetSave"),
            new Entry("preset delete NAME", null));

    private static final List<Entry> OPTIONS = List.of(
            new Entry("--router URL", "router"),
            new Entry("--protocol auto|upnp|pcp|natpmp", "protocol"),
            new Entry("--interface NAME", "interface"),
            new Entry("--timeout SECONDS", "timeout"),
            new Entry("--config FILE", "config"),
            new Entry("--help", "help"));

    /** Options' syntax is shorter: their words start nearer. */
    private static final int OPTION_COLUMN = 21;

    private Help() {
    }

    /**
     * The text in {@code words}' language; run from an installed package (whose launcher sets
     * jpackage.app-path) the usage names the installed command, e.g. {@code portforward list},
     * instead of the jar.
     */
    static String text(Words words) {
        String launcher = System.getProperty("jpackage.app-path", "");
        String command = launcher.isBlank() ? USAGE_OPEN
                : java.nio.file.Path.of(launcher).getFileName().toString().replaceFirst("(?i)\\.exe$", "");
        StringBuilder out = new StringBuilder();
        wrap(out, words.format("cli.help.intro"), 0, 0);
        out.append('\n');
        String usage = words.format("cli.help.usage") + " ";
        String open = command;
        String run = command + " COMMAND [options]";
        int width = Math.max(TerminalText.width(open), TerminalText.width(run)) + 2;
        out.append(usage).append(pad(open, width)).append(words.format("cli.help.openWindow")).append('\n');
        out.append(" ".repeat(TerminalText.width(usage))).append(pad(run, width)).append(words.format("cli.help.runCommand"))
                .append("\n\n");
        wrap(out, words.format("cli.help.commands"), 0, 2);
        entries(out, COMMANDS, COLUMN, words);
        out.append('\n');
        wrap(out, words.format("cli.help.keeping"), 0, 2);
        entries(out, KEEPING, COLUMN, words);
        out.append('\n');
        wrap(out, words.format("cli.help.options"), 0, 2);
        entries(out, OPTIONS, OPTION_COLUMN, words);
        out.append('\n');
        wrap(out, words.format("cli.help.exit"), 0, 0);
        return out.toString();
    }

    private static void entries(StringBuilder out, List<Entry> entries, int column, Words words) {
        for (Entry e : entries) {
            String syntax = "  " + e.syntax();
            if (e.key() == null) {
                out.append(syntax).append('\n');
            } else if (TerminalText.width(syntax) + 1 < column) {
                out.append(pad(syntax, column));
                wrap(out, words.format("cli.help." + e.key()), column, column);
            } else {
                out.append(syntax).append('\n').append(" ".repeat(column));
                wrap(out, words.format("cli.help." + e.key()), column, column);
            }
        }
    }

    /**
     * Appends {@code text} broken so no line passes {@link #WIDTH} terminal columns, later lines
     * indented: at spaces, and between Chinese or Japanese characters.
     */
    private static void wrap(StringBuilder out, String text, int at, int indent) {
        int used = at;
        boolean first = true;
        for (TerminalText.Piece piece : TerminalText.pieces(text)) {
            int space = piece.spaced() ? 1 : 0;
            int width = TerminalText.width(piece.text());
            if (!first && used + space + width > WIDTH) {
                out.append('\n').append(" ".repeat(indent));
                used = indent;
                first = true;
            }
            if (!first && piece.spaced()) {
                out.append(' ');
                used++;
            }
            out.append(piece.text());
            used += width;
            first = false;
        }
        out.append('\n');
    }

    private static String pad(String s, int width) {
        return TerminalText.width(s) >= width ? s + " " : TerminalText.left(s, width);
    }

    /** Every key the help reads, for the test that each language has them. */
    static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of("intro", "usage", "openWindow", "runCommand", "commands",
                "keeping", "options", "exit"));
        for (List<Entry> list : List.of(COMMANDS, KEEPING, OPTIONS)) {
            list.stream().map(Entry::key).filter(k -> k != null).forEach(keys::add);
        }
        return keys.stream().map(k -> "cli.help." + k).toList();
    }
}
