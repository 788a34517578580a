package net.portforward.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.portforward.engine.Router;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.LeaseRenewer;
import net.portforward.ledger.Leftovers;
import net.portforward.ledger.MappingResult;
import net.portforward.ledger.PinholeKeeper;
import net.portforward.ledger.PinholeLedger;
import net.portforward.ledger.PinholeRenewer;
import net.portforward.ledger.PinholeResult;
import net.portforward.engine.pinhole.Pinholes;
import net.portforward.text.Words;

/**
 * {@code --keep} (the default) and {@code --for-now [--hold SECONDS]}. A command line adds what
 * it is told to and exits, so its adds are kept unless asked otherwise: they last like the ones
 * made on the router's own page, and PortForward puts them back after a reboot. A temporary one
 * only lives while the command runs: it holds the mappings (renewing their leases at half-life)
 * until Ctrl-C or the hold time, then removes them. A kill -9 leaves them in the ledger, and the
 * next run offers to clean them up.
 */
final class Retain {
    private Retain() {
    }

    static Retention from(CliArgs a) throws InvalidInputException {
        if (a.flag("keep") && a.flag("for-now")) {
            throw new InvalidInputException(CliMistake.KEEP_AND_FOR_NOW.with());
        }
        if (a.option("hold").isPresent() && !a.flag("for-now")) {
            throw new InvalidInputException(CliMistake.HOLD_WITHOUT_FOR_NOW.with());
        }
        return a.flag("for-now") ? Retention.FOR_NOW : Retention.KEEP;
    }

    /** For {@code --for-now}: holds this run's temporary mappings, then removes them. */
    static void holdIfTemporary(CommandContext ctx, Router router, Retention retention) throws PortForwardException {
        holdIfTemporary(ctx, router, Optional.empty(), retention);
    }

    /**
     * For {@code --for-now}: holds this run's temporary mappings on {@code router} (null: none) and
     * pinholes in {@code pinholes}' firewall, renewing both at half their lease, then removes them.
     */
    static void holdIfTemporary(CommandContext ctx, Router router, Optional<Pinholes> pinholes, Retention retention)
            throws PortForwardException {
        PinholeLedger pinholeLedger = ctx.pinholeLedger();
        boolean mappings = router != null && !ctx.ledger().mine(router.recordId()).isEmpty();
        boolean holes = pinholes.isPresent() && !pinholeLedger.mine(pinholes.get().recordId()).isEmpty();
        if (retention != Retention.FOR_NOW || (!mappings && !holes)) {
            return;
        }
        Optional<Duration> hold = ctx.args().option("hold").isPresent()
                ? Optional.of(seconds(ctx.args().option("hold").get())) : Optional.empty();
        PrintStream out = ctx.out();
        Words words = ctx.words();
        CountDownLatch released = new CountDownLatch(1);
        CountDownLatch cleaned = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            released.countDown();
            try {
                cleaned.await(20, TimeUnit.SECONDS); // Ctrl-C: let the removal finish before the JVM goes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "portforward-remove-on-exit");
        Runtime.getRuntime().addShutdownHook(onSignal);
        LeaseRenewer renewer = new LeaseRenewer(ctx.ledger(), () -> Optional.ofNullable(router),
                LeaseRenewer.daemonScheduler(), results -> results.forEach(r -> out.println(words.say(r.fact()))));
        PinholeRenewer pinholeRenewer = new PinholeRenewer(pinholeLedger, () -> pinholes, LeaseRenewer.daemonScheduler(),
                results -> results.forEach(r -> out.println(words.say(r.fact()))));
        try {
            renewer.start();
            pinholeRenewer.start();
            out.println(hold.isPresent() ? words.format("cli.hold.for", words.span(hold.get(), 5))
                    : words.format("cli.hold"));
            out.flush();
            try {
                if (hold.isPresent()) {
                    released.await(hold.get().toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    released.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            renewer.close();
            pinholeRenewer.close();
            if (router != null) {
                List<MappingResult> removed = new Leftovers(ctx.ledger()).removeMine(router, Progress.NONE);
                removed.forEach(r -> out.println(words.say(r.fact())));
                out.println(words.say(MappingResult.summary(removed)));
            }
            if (pinholes.isPresent()) {
                List<PinholeResult> closed = new PinholeKeeper(pinholeLedger).closeMine(pinholes.get(), Progress.NONE);
                closed.forEach(r -> out.println(words.say(r.fact())));
            }
            out.flush();
        } finally {
            renewer.close();
            pinholeRenewer.close();
            cleaned.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for cleaned, counted down above
            }
        }
    }

    private static Duration seconds(String text) throws InvalidInputException {
        try {
            long s = Long.parseLong(text.trim());
            if (s > 0) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException ignored) {
            // message below
        }
        throw new InvalidInputException(CliMistake.HOLD.with(text));
    }
}
