package net.portforward.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.portforward.engine.error.CancelledException;
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
            default -> throw new InvalidInputException("Usage: portforward " + USAGE);
        };
    }

    private static PinholeKey key(CommandContext ctx, String usage) throws InvalidInputException {
        List<String> pos = ctx.args().positional();
        if (pos.size() != 3) {
            throw new InvalidInputException("Usage: portforward " + usage);
        }
        return new PinholeKey(MappingArgs.protocol(pos.get(2)), MappingRules.parsePort(pos.get(1), "Port"));
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
        ctx.out().println(opened(p, pinholes, retention));
        Retain.holdIfTemporary(ctx, null, Optional.of(pinholes), retention);
        return Cli.OK;
    }

    /** "Opened TCP port 8080 of 2001:db8::10 …", with the id and the address. */
    static String opened(Pinhole p, Pinholes pinholes, Retention retention) {
        return "Opened " + p.summary() + " in the router's IPv6 firewall (pinhole " + p.id().text() + ", address "
                + Ipv6.text(p.address()) + ", lease " + p.lease().toSeconds() + " s, " + pinholes.service().label()
                + (retention == Retention.FOR_NOW ? ", for now)." : ")."); 
    }

    private int list(CommandContext ctx) throws PortForwardException {
        if (ctx.args().positional().size() != 1) {
            throw new InvalidInputException("Usage: portforward pinhole list [--json]");
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
                ctx.warn(ctx.failures().sentence(e) + " The list below is PortForward's own record.");
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
            ctx.out().println("PortForward has opened no pinholes in this router's IPv6 firewall. (No router lists"
                    + " its pinholes, so PortForward shows the ones it opened.)");
            return Cli.OK;
        }
        ctx.out().println(String.format("%-8s %-4s %6s  %-39s %9s  %-8s %s", "Id", "", "Port", "Address", "Lease",
                "Working", "Packets"));
        for (Map<String, Object> r : rows) {
            ctx.out().println(String.format("%-8s %-4s %6s  %-39s %9s  %-8s %s", text(r.get("id")), r.get("protocol"),
                    r.get("port"), r.get("address"), r.get("leaseSeconds") == null ? "pending" : r.get("leaseSeconds")
                    + "s", r.get("working") == null ? "?" : (Boolean) r.get("working") ? "yes" : "not yet",
                    text(r.get("packets"))));
        }
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
            ctx.warn("The pinhole for " + e.key() + " could not be checked: " + ctx.failures().sentence(ex));
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
            throw new InvalidInputException("PortForward opened no pinhole for " + key + " on this router (no router"
                    + " lists its pinholes, so PortForward can close only the ones it opened). See: pinhole list");
        }
        ctx.engine().pinholes(gateway, ledger, Progress.NONE).close(key, Progress.NONE);
        ctx.out().println("Closed the pinhole for " + key + ".");
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
        throw new InvalidInputException("Lease \"" + text + "\" must be a number of seconds from 1 to 86400 (a day):"
                + " a pinhole is never permanent; PortForward renews it while it runs.");
    }

    private static String text(Object o) {
        return o == null ? "-" : o.toString();
    }
}
