package net.portforward.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.InputMistake;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.mapping.MappingRules;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.pinhole.Pinhole;
import net.portforward.engine.pinhole.PinholeCheck;
import net.portforward.engine.pinhole.PinholeKey;
import net.portforward.engine.pinhole.PinholeRequest;
import net.portforward.engine.pinhole.Pinholes;
import net.portforward.engine.progress.Progress;
import net.portforward.json.Json;
import net.portforward.ledger.PinholeEntry;
import net.portforward.ledger.PinholeLedger;
import net.portforward.text.Words;

/**
 * {@code pinhole add PORT PROTOCOL [--lease SECONDS] [--keep|--for-now [--hold SECONDS]]},
 * {@code pinhole list [--json]}, {@code pinhole delete PORT PROTOCOL}: this computer's ports
 * opened in the router's IPv6 firewall. Over IPv6 there is nothing to forward (every computer has
 * its own public address): the firewall decides what comes in.
 */
final class PinholeCommand implements Command {
    static final String USAGE = "pinhole add PORT PROTOCOL [--lease SECONDS] [--keep|--for-now [--hold SECONDS]]"
            + " | pinhole list [--json] | pinhole delete PORT PROTOCOL";
    /**
     * A kept pinhole lasts as long as a router gives one, a day (the spec's maximum), since a
     * command line exits at once; PortForward renews it whenever it runs, and "restore" opens it
     * again after a router restart.
     */
    static final Duration KEPT_LEASE = PinholeRequest.MAX_LEASE;
    /** A temporary one lives while the command holds it, renewed at half; an hour after a crash at most. */
    static final Duration TEMPORARY_LEASE = Duration.ofHours(1);

    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        List<String> pos = ctx.args().positional();
        String sub = pos.isEmpty() ? "" : pos.get(0);
        return switch (sub) {
            case "add" -> add(ctx);
            case "list" -> list(ctx);
            case "delete" -> delete(ctx);
            default -> throw new InvalidInputException(CliMistake.USAGE.with(USAGE));
        };
    }

    private static PinholeKey key(CommandContext ctx, String usage) throws InvalidInputException {
        List<String> pos = ctx.args().positional();
        if (pos.size() != 3) {
            throw new InvalidInputException(CliMistake.USAGE.with(usage));
        }
        return new PinholeKey(MappingArgs.protocol(pos.get(2)), MappingRules.parsePort(pos.get(1), InputMistake.PORT));
    }

    private int add(CommandContext ctx) throws PortForwardException {
        PinholeKey key = key(ctx, "pinhole add PORT PROTOCOL [--lease SECONDS] [--keep|--for-now [--hold SECONDS]]");
        Retention retention = Retain.from(ctx.args());
        Duration lease = ctx.args().option("lease").isPresent() ? lease(ctx.args().option("lease").get())
                : retention == Retention.KEEP ? KEPT_LEASE : TEMPORARY_LEASE;
        Gateway gateway = ctx.engine().findBest(Progress.NONE);
        PinholeLedger ledger = ctx.pinholeLedger();
        Pinholes pinholes = ctx.engine().pinholes(gateway, ledger, Progress.NONE);
        Pinhole p = pinholes.open(key.protocol(), key.port(), lease, retention, 0, Progress.NONE);
        ctx.out().println(opened(ctx, p, pinholes, retention));
        Retain.holdIfTemporary(ctx, null, Optional.of(pinholes), retention);
        return Cli.OK;
    }

    /** "Opened TCP port 8080 of 2001:db8::10 …", with the id and the address. */
    static String opened(CommandContext ctx, Pinhole p, Pinholes pinholes, Retention retention) {
        return ctx.words().format(retention == Retention.FOR_NOW ? "cli.pinhole.openedForNow" : "cli.pinhole.opened",
                ctx.words().pinhole(p), p.id().text(), Ipv6.text(p.address()),
                ctx.words().span(p.lease(), 2), pinholes.service().label());
    }

    private int list(CommandContext ctx) throws PortForwardException {
        if (ctx.args().positional().size() != 1) {
            throw new InvalidInputException(CliMistake.USAGE.with("pinhole list [--json]"));
        }
        Gateway gateway = ctx.engine().findBest(Progress.NONE);
        PinholeLedger ledger = ctx.pinholeLedger();
        List<PinholeEntry> entries = ledger.forRouter(Pinholes.recordId(gateway));
        Optional<Pinholes> pinholes = Optional.empty();
        if (!entries.isEmpty()) {
            try {
                pinholes = Optional.of(ctx.engine().pinholes(gateway, ledger, Progress.NONE));
            } catch (CancelledException e) {
                throw e;
            } catch (PortForwardException e) {
                ctx.warn(ctx.words().format("cli.pinhole.ownRecord", ctx.failures().sentence(e)));
            }
        }
        Instant now = ctx.ledger().clock().instant();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PinholeEntry e : entries) {
            rows.add(row(e, check(ctx, pinholes, e), now));
        }
        if (ctx.args().flag("json")) {
            ctx.out().println(Json.write(rows));
            return Cli.OK;
        }
        if (rows.isEmpty()) {
            ctx.say("cli.pinhole.none");
            return Cli.OK;
        }
        table(ctx, rows);
        return Cli.OK;
    }

    private static PinholeCheck check(CommandContext ctx, Optional<Pinholes> pinholes, PinholeEntry e)
            throws CancelledException {
        Optional<Pinhole> p = e.recorded().pinhole();
        if (pinholes.isEmpty() || p.isEmpty()) {
            return PinholeCheck.UNKNOWN;
        }
        try {
            return pinholes.get().check(p.get(), Progress.NONE);
        } catch (CancelledException ex) {
            throw ex;
        } catch (PortForwardException ex) {
            ctx.warn(ctx.words().format("cli.pinhole.notChecked", e.key(), ctx.failures().sentence(ex)));
            return PinholeCheck.UNKNOWN;
        }
    }

    /** The keys of {@code pinhole list --json}. */
    static Map<String, Object> row(PinholeEntry e, PinholeCheck check, Instant now) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", e.id().map(i -> i.text()).orElse(null));
        o.put("protocol", e.key().protocol().name());
        o.put("port", e.key().port());
        o.put("address", Ipv6.text(e.address()));
        o.put("leaseSeconds", e.leaseEnd().map(end -> Math.max(0, Duration.between(now, end).toSeconds())).orElse(null));
        o.put("working", check.working().orElse(null));
        o.put("packets", check.packets().isPresent() ? check.packets().getAsLong() : null);
        o.put("kept", e.kept());
        o.put("forwardPort", e.forwardPort() == 0 ? null : e.forwardPort());
        return o;
    }

    private int delete(CommandContext ctx) throws PortForwardException {
        PinholeKey key = key(ctx, "pinhole delete PORT PROTOCOL");
        Gateway gateway = ctx.engine().findBest(Progress.NONE);
        PinholeLedger ledger = ctx.pinholeLedger();
        if (ledger.entry(Pinholes.recordId(gateway), key).isEmpty()) {
            throw new InvalidInputException(CliMistake.NO_PINHOLE_OF_OURS.with(key));
        }
        ctx.engine().pinholes(gateway, ledger, Progress.NONE).close(key, Progress.NONE);
        ctx.say("cli.pinhole.closed", key);
        return Cli.OK;
    }

    static Duration lease(String text) throws InvalidInputException {
        try {
            long s = Long.parseLong(text.trim());
            if (s >= 1 && s <= KEPT_LEASE.toSeconds()) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException ignored) {
            // message below
        }
        throw new InvalidInputException(CliMistake.PINHOLE_LEASE.with(text));
    }

    private static String text(Object o) {
        return o == null ? "-" : o.toString();
    }

    /** The rows of {@code pinhole list} for people, under headings in this run's words. */
    private static void table(CommandContext ctx, List<Map<String, Object>> rows) {
        Words w = ctx.words();
        String working = w.format("cli.pinhole.working");
        int workingWidth = Math.max(8, TerminalText.width(working));
        ctx.out().println(pinholeRow(workingWidth, w.format("cli.pinhole.id"), "", w.format("cli.list.port"),
                w.format("cli.pinhole.address"), w.format("cli.list.lease"), working, w.format("cli.pinhole.packets")));
        for (Map<String, Object> r : rows) {
            Object left = r.get("leaseSeconds");
            String lease = left == null ? w.format("cli.pinhole.pending")
                    : w.span(Duration.ofSeconds(((Number) left).longValue()), 2);
            String works = r.get("working") == null ? "?"
                    : w.format((Boolean) r.get("working") ? "cli.list.yes" : "cli.pinhole.notYet");
            ctx.out().println(pinholeRow(workingWidth, text(r.get("id")), text(r.get("protocol")), text(r.get("port")),
                    text(r.get("address")), lease, works, text(r.get("packets"))));
        }
    }

    /** One line of the pinhole table, padded by terminal columns (a CJK heading takes two per character). */
    private static String pinholeRow(int workingWidth, String id, String protocol, String port, String address,
            String lease, String working, String packets) {
        return (TerminalText.left(id, 8) + " " + TerminalText.left(protocol, 4) + " " + TerminalText.right(port, 6) + "  "
                + TerminalText.left(address, 39) + " " + TerminalText.right(lease, 9) + "  "
                + TerminalText.left(working, workingWidth) + " " + packets).stripTrailing();
    }
}
