package net.portforward.text;

import java.util.OptionalInt;
import net.portforward.engine.discovery.NoGatewayException;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.Reason;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.error.UpnpException;
import net.portforward.engine.mapping.MappingReasons;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.pinhole.PinholeException;
import net.portforward.engine.pinhole.PinholeReasons;

/**
 * A failure in the user's words: what the command line prints and the window shows for an
 * engine exception, made from its type and values (its {@link Fact}, its codes). A failure made
 * with an English message only (a test's fake router) keeps it.
 */
public final class Failures {
    private final Words words;

    public Failures(Words words) {
        this.words = words;
    }

    /** One or two sentences for people; never a stack trace. */
    public String sentence(Throwable error) {
        if (error instanceof CancelledException) {
            return words.format("failure.cancelled");
        }
        if (error instanceof PortConflictException conflict) {
            return conflict(conflict);
        }
        if (error instanceof NoGatewayException none) {
            // The reason, then what else went wrong on the way (a CARP pair's answer, say)
            String reason = none.reasonForUser().map(r -> reason(r)).orElse("");
            String problems = words.say(none.problems());
            return reason.isEmpty() ? problems : problems.isEmpty() ? reason : reason + " " + problems;
        }
        if (error instanceof PortForwardException e && e.reasonForUser().isPresent()) {
            String said = reason(e.reasonForUser().get());
            if (said != null) {
                return said;
            }
        }
        if (error instanceof PinholeException p) {
            String meaning = p.known().map(k -> "pinhole.error." + k.code()).filter(words::has)
                    .or(() -> upnpKey(p.code())).map(words::format).orElse(refusal(p.reason()));
            return meaning + " " + upnpTail(p.code(), null, p.action());
        }
        if (error instanceof UpnpException u) {
            String meaning = upnpKey(u.code()).map(words::format).orElse(refusal(u.reason()));
            return meaning + " " + upnpTail(u.code(), u.routerDescription(), u.action());
        }
        if (error instanceof RouterRefusedException r) {
            return words.format("failure.technical", refusal(r.reason()), r.technical());
        }
        if (error instanceof PortForwardException) {
            return error.getMessage();
        }
        return words.format("failure.unexpected");
    }

    /** What a refusal means, whatever the protocol. */
    public String refusal(Refusal r) {
        return words.format("refusal." + r.name());
    }

    /** The nearest free port, as a sentence to follow a refusal; empty when none was found. */
    public String freePort(OptionalInt free) {
        return free.isPresent() ? words.format("conflict.free", free.getAsInt()) : "";
    }

    private String conflict(PortConflictException c) {
        String offer = c.freePort().isPresent() ? " " + freePort(c.freePort()) : "";
        if (c.why() == PortConflictException.Why.RESERVED_LOW_PORT) {
            return words.format("conflict.reserved", c.wanted().toString()) + offer;
        }
        ListedMapping holder = c.holder();
        String who = holder == null ? words.format("conflict.anotherComputer")
                : holder.mapping().internalClient() == null ? words.format("conflict.anotherDevice")
                : holder.mapping().description().isEmpty() ? holder.mapping().internalClient().getHostAddress()
                : words.format("conflict.clientNamed", holder.mapping().internalClient().getHostAddress(),
                        holder.mapping().description());
        return words.format("conflict.taken", c.wanted().toString(), who) + offer;
    }

    /** The words for a reason this class knows; null for one it does not. */
    private String reason(Reason reason) {
        if (reason instanceof Fact f) {
            return words.say(f);
        }
        if (reason instanceof MappingReasons.NoAddressBeforeAdd r) {
            return words.format(r.zero() ? "mapping.noAddress.zero" : "mapping.noAddress", r.wanted().summary());
        }
        if (reason instanceof MappingReasons.AnyPortNotOffered r) {
            return r.service() == null ? words.format("mapping.anyPort") : words.format("mapping.anyPort.service", r.service());
        }
        if (reason instanceof PinholeReasons.Gone r) {
            return words.format("pinhole.gone", r.pinhole().summary());
        }
        if (reason instanceof PinholeReasons.Ipv6Translated) {
            return words.format("pinhole.translated");
        }
        return null;
    }

    private java.util.Optional<String> upnpKey(int code) {
        String key = "upnp.error." + code;
        return words.has(key) ? java.util.Optional.of(key) : java.util.Optional.empty();
    }

    private String upnpTail(int code, String routerSaid, String action) {
        return routerSaid == null || routerSaid.isBlank() ? words.format("upnp.tail", code, action)
                : words.format("upnp.tail.said", code, routerSaid, action);
    }
}
