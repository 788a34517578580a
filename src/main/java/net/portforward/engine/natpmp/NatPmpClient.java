package net.portforward.engine.natpmp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.natpmp.NatPmpWire.AddressAnswer;
import net.portforward.engine.natpmp.NatPmpWire.Answer;
import net.portforward.engine.natpmp.NatPmpWire.MapAnswer;
import net.portforward.engine.natpmp.NatPmpWire.MapBody;
import net.portforward.engine.portcontrol.DroppedAnswers;
import net.portforward.engine.portcontrol.NoAnswerException;
import net.portforward.engine.portcontrol.RetransmitSchedule;
import net.portforward.engine.portcontrol.UdpExchange;
import net.portforward.engine.portcontrol.UnusableAnswerException;
import net.portforward.engine.progress.Progress;

/**
 * A NAT-PMP client for one gateway (RFC 6886): its external address, and mappings of this
 * computer's ports. NAT-PMP maps only for the host that asks (the gateway takes the internal
 * address from the request's source), so the local address given here is the mapping's internal
 * address. Plain blocking calls; each one waits at most the deadline its caller gives (a probe a
 * few hundred milliseconds, an operation a few seconds) and retransmits meanwhile at 250 ms,
 * doubling, at most 9 times (section 3.1).
 *
 * <p>Answers from another address or port, of another opcode, for another port, or malformed are
 * dropped and counted in {@link #dropped()}; they never end the wait. Thread-safe: calls share no
 * socket.
 */
public final class NatPmpClient {
    public static final int SERVER_PORT = 5351;
    /** RFC 6886 section 3.1: 250 ms, then twice as long after each try, 9 tries. */
    public static final RetransmitSchedule RFC_SCHEDULE = RetransmitSchedule.doubling(Duration.ofMillis(250), 9);
    private static final String PROTOCOL = "NAT-PMP";

    private final DroppedAnswers dropped = new DroppedAnswers();
    private final UdpExchange udp;
    private final RetransmitSchedule schedule;

    /**
     * @param gateway the default gateway (NAT-PMP is IPv4 only)
     * @param localAddress this computer's address on the gateway's network
     */
    public NatPmpClient(InetAddress gateway, InetAddress localAddress) {
        this(new InetSocketAddress(gateway, SERVER_PORT), localAddress, Clock.systemUTC(), RFC_SCHEDULE);
    }

    /** As above with the server's port, the clock and the schedule of the caller's choice (tests). */
    public NatPmpClient(InetSocketAddress server, InetAddress localAddress, Clock clock, RetransmitSchedule schedule) {
        if (!(server.getAddress() instanceof Inet4Address)) {
            throw new IllegalArgumentException("NAT-PMP speaks to IPv4 gateways only, not " + server);
        }
        this.udp = new UdpExchange(PROTOCOL, localAddress, server, clock, dropped);
        this.schedule = schedule;
    }

    /** Datagrams dropped so far, by reason. */
    public DroppedAnswers dropped() {
        return dropped;
    }

    /**
     * The gateway's external address (opcode 0, section 3.2).
     *
     * @throws NatPmpException the gateway answered with an error (NETWORK_FAILURE: it has no
     *                         external address yet)
     * @throws NoAnswerException no answer within {@code deadline}
     */
    public NatPmpExternalAddress externalAddress(Duration deadline, Progress progress)
            throws NatPmpException, NoAnswerException, CancelledException {
        Received<AddressAnswer> a = udp.exchange(NatPmpWire.externalAddressRequest(), schedule, deadline,
                (data, length, at) -> new Received<>(expectAddress(NatPmpWire.decode(data, length)), at), progress)
                .checked("external address request");
        return new NatPmpExternalAddress(a.answer.address().orElseThrow(), a.answer.epoch(), a.at);
    }

    /**
     * Maps {@code protocol internalPort} of this computer (opcodes 1 and 2, section 3.3). The
     * gateway may grant another external port than the one suggested, and a shorter lifetime: the
     * answer says what it granted. Asking again for the same internal port renews the mapping.
     *
     * @param suggestedExternalPort 0 for "the same as the internal port"; when renewing, the port
     *                              granted before (section 3.3)
     * @param lifetime at least one second; RFC 6886 recommends 7200 s
     */
    public NatPmpMapping map(Protocol protocol, int internalPort, int suggestedExternalPort, Duration lifetime,
                             Duration deadline, Progress progress)
            throws NatPmpException, NoAnswerException, CancelledException {
        long seconds = lifetime.toSeconds();
        if (seconds < 1) {
            throw new IllegalArgumentException("a mapping lifetime of " + lifetime + " is no mapping: use unmap");
        }
        return mapping(protocol, internalPort, NatPmpWire.mapRequest(protocol, internalPort, suggestedExternalPort, seconds),
                true, deadline, progress);
    }

    /**
     * Removes the mapping of {@code protocol internalPort} (lifetime 0 and suggested port 0, section
     * 3.4). The gateway answers success also when there was no such mapping.
     */
    public NatPmpMapping unmap(Protocol protocol, int internalPort, Duration deadline, Progress progress)
            throws NatPmpException, NoAnswerException, CancelledException {
        return mapping(protocol, internalPort, NatPmpWire.mapRequest(protocol, internalPort, 0, 0), false, deadline,
                progress);
    }

    private NatPmpMapping mapping(Protocol protocol, int internalPort, byte[] request, boolean creating, Duration deadline,
                                  Progress progress) throws NatPmpException, NoAnswerException, CancelledException {
        Received<MapAnswer> r = udp.exchange(request, schedule, deadline,
                (data, length, at) -> new Received<>(expectMap(NatPmpWire.decode(data, length), protocol, internalPort,
                        creating), at), progress)
                .checked((creating ? "mapping request for " : "removal of ") + protocol + " " + internalPort);
        MapBody body = r.answer.body().orElseThrow();
        return new NatPmpMapping(protocol, internalPort, body.externalPort(), Duration.ofSeconds(body.lifetimeSeconds()),
                r.answer.epoch(), r.at);
    }

    private static AddressAnswer expectAddress(Answer answer) throws UnusableAnswerException {
        if (answer instanceof AddressAnswer a) {
            return a;
        }
        throw UnusableAnswerException.notOurs("not an external address answer: " + answer);
    }

    private static MapAnswer expectMap(Answer answer, Protocol protocol, int internalPort, boolean creating)
            throws UnusableAnswerException {
        if (!(answer instanceof MapAnswer m) || m.protocol() != protocol) {
            throw UnusableAnswerException.notOurs("not a " + protocol + " mapping answer: " + answer);
        }
        if (m.body().isPresent() && m.body().get().internalPort() != internalPort) {
            throw UnusableAnswerException.notOurs("answer for internal port " + m.body().get().internalPort());
        }
        boolean success = m.resultCode() == NatPmpResultCode.SUCCESS.code();
        if (success && creating && (m.body().get().externalPort() == 0 || m.body().get().lifetimeSeconds() == 0)) {
            throw UnusableAnswerException.malformed("a granted mapping without external port or lifetime: " + answer);
        }
        return m;
    }

    /** An answer and when it arrived; throws the gateway's error if it is one. */
    private record Received<A extends Answer>(A answer, Instant at) {
        Received<A> checked(String request) throws NatPmpException {
            if (answer.resultCode() != NatPmpResultCode.SUCCESS.code()) {
                throw new NatPmpException(request, answer.resultCode(), answer.epoch(), at);
            }
            return this;
        }
    }
}
