package net.portforward.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import net.portforward.engine.Router;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.watch.RouterChange;
import net.portforward.engine.watch.RouterSnapshot;
import net.portforward.engine.watch.RouterWatch;
import net.portforward.json.Json;
import net.portforward.ledger.KeptMappings;
import net.portforward.ledger.MappingResult;
import net.portforward.text.Words;

/**
 * {@code watch [--json] [--count N]}: one line per change on the router, until interrupted; after
 * a router restart the mappings the user keeps are put back (restore-kept). Ctrl+C
 * runs the shutdown hook, which unsubscribes so the router stops sending events to a closed port.
 */
final class WatchCommand implements Command {
    /** When a change was seen, as dates and times are written in the user's language. */
    private static DateTimeFormatter time(Words words) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(words.locale())
                .withZone(ZoneId.systemDefault());
    }

    @Override
    public int run(CommandContext ctx) throws PortForwardException {
        ctx.args().expectPositional(0, "watch [--json] [--count N]");
        boolean json = ctx.args().flag("json");
        long count = count(ctx);
        Router router = ctx.router();
        BlockingQueue<RouterChange> changes = new LinkedBlockingQueue<>();
        RouterWatch.Options options = RouterWatch.Options.of(ctx.settings().listenForChanges(),
                ctx.settings().pollInterval());
        RouterWatch watch = ctx.engine().watch(router, options, new RouterWatch.Listener() {
            @Override
            public void onChanges(List<RouterChange> list, RouterSnapshot now) {
                changes.addAll(list);
            }

            @Override
            public void onMode(RouterWatch.Mode mode, Fact why) {
                Words w = ctx.words();
                switch (mode) {
                    case EVENTS -> ctx.err().println(w.format("cli.watch.events"));
                    case POLLING -> ctx.err().println(w.format("cli.watch.polling", w.span(ctx.settings().pollInterval(), 5),
                            why == null ? "" : withoutFullStop(w.say(why))));
                    default -> { }
                }
            }

            @Override
            public void onProblem(PortForwardException problem) {
                ctx.warn(ctx.failures().sentence(problem));
            }

            @Override
            public void onRecovered() {
                ctx.err().println(ctx.words().format("cli.watch.again"));
            }
        });
        Thread unsubscribe = new Thread(watch::close, "portforward-watch-stop");
        Runtime.getRuntime().addShutdownHook(unsubscribe);
        try {
            watch.start(Progress.NONE);
            ctx.err().println(ctx.words().format("cli.watch.watching", router.gateway().displayName(),
                    router.gateway().address().getHostAddress()));
            DateTimeFormatter time = time(ctx.words());
            for (long seen = 0; count == 0 || seen < count; seen++) {
                RouterChange c = changes.take();
                ctx.out().println(json ? Json.write(json(c, ctx.words())) : time.format(c.time()) + "  " + ctx.words().say(c.fact()));
                ctx.out().flush();
                if (c instanceof RouterChange.RouterRestarted && ctx.settings().restoreKept()) {
                    restoreKept(ctx, router, json);
                }
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            watch.close();
            try {
                Runtime.getRuntime().removeShutdownHook(unsubscribe);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and closes the watch itself
            }
        }
    }

    /**
     * After a restart, the mappings the user keeps go back on the router (portforward.ini
     * restore-kept), each with its own line of result.
     */
    private static void restoreKept(CommandContext ctx, Router router, boolean json) throws PortForwardException {
        List<MappingResult> results = new KeptMappings(ctx.ledger()).restoreMissing(router, Progress.NONE);
        if (results.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("type", "keptMappingsRestored");
            o.put("time", now.truncatedTo(ChronoUnit.MILLIS).toString());
            o.put("text", ctx.words().say(MappingResult.summary(results)));
            o.put("results", results.stream().map(r -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("result", r.kind().name().toLowerCase(java.util.Locale.ROOT));
                one.put("text", ctx.words().say(r.fact()));
                one.put("mapping", mapping(r.mapping()));
                return one;
            }).toList());
            ctx.out().println(Json.write(o));
        } else {
            results.forEach(r -> ctx.out().println(time(ctx.words()).format(now) + "  " + ctx.words().say(r.fact())));
        }
        ctx.out().flush();
    }

    private static long count(CommandContext ctx) throws InvalidInputException {
        String text = ctx.args().option("count").orElse("0");
        try {
            long n = Long.parseLong(text.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // message below
        }
        throw new InvalidInputException(CliMistake.COUNT.with(text));
    }

    /** For programs: the type and the values stay as they are, the text is in {@code words}. */
    static Map<String, Object> json(RouterChange c, Words words) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", c.type());
        o.put("time", c.time().truncatedTo(ChronoUnit.MILLIS).toString());
        o.put("text", words.say(c.fact()));
        if (c instanceof RouterChange.MappingAdded a) {
            o.put("mapping", mapping(a.mapping()));
        } else if (c instanceof RouterChange.MappingRemoved r) {
            o.put("mapping", mapping(r.mapping()));
        } else if (c instanceof RouterChange.MappingChanged m) {
            o.put("before", mapping(m.before()));
            o.put("after", mapping(m.after()));
        } else if (c instanceof RouterChange.ExternalAddressChanged e) {
            o.put("before", e.before());
            o.put("after", e.after());
        } else if (c instanceof RouterChange.ConnectionStatusChanged s) {
            o.put("before", s.before().upnpName());
            o.put("after", s.after().upnpName());
        } else if (c instanceof RouterChange.RouterRestarted r) {
            o.put("evidence", words.say(r.evidence()));
            o.put("lost", r.lost().stream().map(WatchCommand::mapping).toList());
        }
        return o;
    }

    private static Map<String, Object> mapping(PortMapping m) {
        return Output.json(ListedMapping.clean(m), Words.in(java.util.Locale.ROOT));
    }

    private static String withoutFullStop(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
