package net.portforward.engine.pcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.pcp.PcpWire.Answer;
import net.portforward.engine.pcp.PcpWire.MapData;
import net.portforward.engine.portcontrol.DroppedAnswers;
import net.portforward.engine.portcontrol.NoAnswerException;
import net.portforward.engine.portcontrol.RetransmitSchedule;
import net.portforward.engine.portcontrol.UdpExchange;
import net.portforward.engine.portcontrol.UnusableAnswerException;
import net.portforward.engine.progress.Progress;

/**
 * A PCP client for one server (RFC 6887 version 2), normally the default gateway on UDP 5351.
 * MAP creates, renews and deletes mappings of this computer's ports, ANNOUNCE probes the server.
 * The client's IP address in every request is the local address given here, which must be the
 * address the server sees as the source (else ADDRESS_MISMATCH, section 8.2). Plain blocking
 * calls; each one waits at most the deadline its caller gives, sends its first request at once and
 * retransmits on section 8.1.1's schedule meanwhile.
 *
 * <p>Answers from another address or port, to another opcode, with another mapping nonce,
 * protocol or internal port, without the R bit, or malformed are dropped and counted in
 * {@link #dropped()}; they never end the wait. Thread-safe: calls share no socket.
 */
public final class PcpClient {
    public static final int SERVER_PORT = 5351;
    /**
     * Section 11.6's probe for the external address alone is a short mapping of the discard port
     * (9), where nothing answers; miniupnpd raises shorter lifetimes to 120 s (min_lifetime).
     */
    static final int DISCARD_PORT = 9;
    static final Duration ADDRESS_PROBE_LIFETIME = Duration.ofSeconds(120);
    /**
     * The probe suggests an external port from the dynamic range (RFC 6335): suggesting none
     * means port 9 outside too, and miniupnpd then tries every port from 9 up against its rules
     * (the stock "allow 1024-65535") one by one, with a log line each, which took 3-4 s per
     * request in the lab (PortControlLabIT) instead of a few milliseconds.
     */
    static final int PROBE_PORT_FIRST = 49152;
    private static final String PROTOCOL = "PCP";

    private final DroppedAnswers dropped = new DroppedAnswers();
    private final UdpExchange udp;
    private final RetransmitSchedule schedule;

    /**
     * @param gateway the PCP server, normally the default gateway (IPv4 or IPv6)
     * @param localAddress this computer's address towards it, of the same family
     */
    public PcpClient(InetAddress gateway, InetAddress localAddress) {
        this(new InetSocketAddress(gateway, SERVER_PORT), localAddress, Clock.systemUTC(), PcpRetransmission.rfc());
    }

    /** As above with the server's port, the clock and the schedule of the caller's choice (tests). */
    public PcpClient(InetSocketAddress server, InetAddress localAddress, Clock clock, RetransmitSchedule schedule) {
        this.udp = new UdpExchange(PROTOCOL, localAddress, server, clock, dropped);
        this.schedule = schedule;
    }

    /** Datagrams dropped so far, by reason. */
    public DroppedAnswers dropped() {
        return dropped;
    }

    public InetAddress localAddress() {
        return udp.localAddress();
    }

    /**
     * ANNOUNCE (section 14.1): does the server speak PCP, and what is its epoch.
     *
     * @throws PcpUnsupportedVersionException the server speaks another version (0: NAT-PMP only)
     * @throws PcpException the server answered another error
     * @throws NoAnswerException no answer within {@code deadline}
     */
    public PcpAnnounceAnswer announce(Duration deadline, Progress progress)
            throws PcpException, NoAnswerException, CancelledException {
        Received r = udp.exchange(PcpWire.announceRequest(localAddress()), schedule, deadline,
                (data, length, at) -> new Received(expect(PcpWire.OPCODE_ANNOUNCE, PcpWire.decode(data, length)), at),
                progress).checked("ANNOUNCE");
        return new PcpAnnounceAnswer(r.answer.epoch(), r.at);
    }

    /**
     * MAP (section 11): creates the mapping, or renews it when the request carries the nonce,
     * protocol and internal port of a mapping that exists. The server may assign another external
     * port and address than suggested, and another lifetime: the answer says what it granted.
     *
     * @throws PcpUnsupportedVersionException the server speaks another version (0: NAT-PMP only)
     * @throws PcpException the server refused (NOT_AUTHORIZED, NO_RESOURCES, ADDRESS_MISMATCH, ...)
     * @throws NoAnswerException no answer within {@code deadline}
     */
    public PcpMapping map(PcpMapRequest request, Duration deadline, Progress progress)
            throws PcpException, NoAnswerException, CancelledException {
        byte[] wire = PcpWire.mapRequest(localAddress(), request.lifetime().toSeconds(), request.nonce(),
                PcpWire.protocolNumber(request.protocol()), request.internalPort(), request.suggestedExternalPort(),
                request.suggestedExternalAddress());
        return exchangeMap(wire, request.nonce(), request.protocol(), request.internalPort(), true,
                "MAP " + request.protocol() + " " + request.internalPort(), deadline, progress);
    }

    /**
     * Deletes a mapping: MAP with lifetime 0 and the suggested port and address zero (section
     * 15). Give the nonce the mapping was created with: miniupnpd refuses another with
     * NOT_AUTHORIZED (pcpserver.c, DeletePCPMap).
     */
    public PcpMapping delete(MappingNonce nonce, Protocol protocol, int internalPort, Duration deadline,
                             Progress progress) throws PcpException, NoAnswerException, CancelledException {
        byte[] wire = PcpWire.mapRequest(localAddress(), 0, nonce, PcpWire.protocolNumber(protocol), internalPort, 0,
                Optional.empty());
        return exchangeMap(wire, nonce, protocol, internalPort, false, "MAP delete " + protocol + " " + internalPort,
                deadline, progress);
    }

    /**
     * The external address alone (section 11.6): PCP has no request for it, so this maps UDP to
     * the discard port (9) for a short lifetime (suggesting a random external port from 49152 up,
     * see {@link #PROBE_PORT_FIRST}), reads the address assigned, and deletes the
     * mapping again with what is left of the deadline (if the delete does not get through, the
     * short lifetime ends the mapping). The address belongs to this mapping: a server with a pool
     * of external addresses (carrier-grade NAT) may give other mappings other addresses, so a
     * mapping's own answer is the better source for its address.
     */
    public PcpExternalAddress externalAddress(Duration deadline, Progress progress)
            throws PcpException, NoAnswerException, CancelledException {
        long end = System.nanoTime() + deadline.toNanos();
        MappingNonce nonce = MappingNonce.random();
        int suggested = PROBE_PORT_FIRST + ThreadLocalRandom.current().nextInt(65536 - PROBE_PORT_FIRST);
        PcpMapping probe = map(new PcpMapRequest(nonce, Protocol.UDP, DISCARD_PORT, suggested, Optional.empty(),
                ADDRESS_PROBE_LIFETIME), deadline, progress);
        long left = end - System.nanoTime();
        if (left > 0) {
            try {
                delete(nonce, Protocol.UDP, DISCARD_PORT, Duration.ofNanos(left), progress);
            } catch (PcpException | NoAnswerException e) {
                // The probe's lifetime ends it within ADDRESS_PROBE_LIFETIME anyway.
            }
        }
        return new PcpExternalAddress(probe.externalAddress(), probe.externalPort(), probe.epoch(), probe.receivedAt());
    }

    private PcpMapping exchangeMap(byte[] wire, MappingNonce nonce, Protocol protocol, int internalPort,
                                   boolean creating, String what, Duration deadline, Progress progress)
            throws PcpException, NoAnswerException, CancelledException {
        int protocolNumber = PcpWire.protocolNumber(protocol);
        Received r = udp.exchange(wire, schedule, deadline, (data, length, at) -> {
            Answer a = expect(PcpWire.OPCODE_MAP, PcpWire.decode(data, length));
            boolean bareUnsupportedVersion = a.map().isEmpty() && a.resultCode() == PcpResultCode.UNSUPP_VERSION.code();
            if (a.version() == PcpWire.VERSION && !bareUnsupportedVersion) {
                MapData m = a.map().orElseThrow(() -> UnusableAnswerException.malformed("MAP answer without MAP data"));
                if (!m.nonce().equals(nonce) || m.protocolNumber() != protocolNumber || m.internalPort() != internalPort) {
                    throw UnusableAnswerException.notOurs("MAP answer for nonce " + m.nonce() + ", protocol "
                            + m.protocolNumber() + ", internal port " + m.internalPort());
                }
                if (creating && a.resultCode() == PcpResultCode.SUCCESS.code()
                        && (m.externalPort() == 0 || a.lifetimeSeconds() == 0)) {
                    throw UnusableAnswerException.malformed("a granted mapping without external port or lifetime");
                }
            }
            return new Received(a, at);
        }, progress).checked(what);
        MapData m = r.answer.map().orElseThrow();
        return new PcpMapping(nonce, protocol, internalPort, m.externalAddress(), m.externalPort(),
                Duration.ofSeconds(r.answer.lifetimeSeconds()), r.answer.epoch(), r.at);
    }

    /**
     * Passes an answer to {@code opcode} in version 2, or an UNSUPP_VERSION in any version (a
     * server that does not speak ours cannot answer in it; a NAT-PMP-only one answers in NAT-PMP's
     * layout, RFC 6886 section 3.5, which carries no nonce to match).
     */
    private static Answer expect(int opcode, Answer a) throws UnusableAnswerException {
        if (a.opcode() != opcode) {
            throw UnusableAnswerException.notOurs("answer to opcode " + a.opcode());
        }
        if (a.version() != PcpWire.VERSION && a.resultCode() != PcpResultCode.UNSUPP_VERSION.code()) {
            throw UnusableAnswerException.malformed("version " + a.version() + " answer with result " + a.resultCode());
        }
        return a;
    }

    /** An answer and when it arrived; throws the server's error if it is one. */
    private record Received(Answer answer, Instant at) {
        Received checked(String request) throws PcpException {
            if (answer.resultCode() == PcpResultCode.UNSUPP_VERSION.code()) {
                throw new PcpUnsupportedVersionException(request, answer.version(), answer.epoch(), at);
            }
            if (answer.resultCode() != PcpResultCode.SUCCESS.code()) {
                throw new PcpException(request, answer.resultCode(), Duration.ofSeconds(answer.lifetimeSeconds()),
                        answer.epoch(), at);
            }
            return this;
        }
    }
}
