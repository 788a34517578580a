package net.portforward.engine.net;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last SOAP exchanges and search answers, for the router report a user attaches to a bug
 * report. Two small ring buffers: the oldest entry goes when a new one comes, every text is cut to
 * {@link #MAX_TEXT} characters, and recording only copies those (masking and formatting happen
 * when a report is made), so it costs the calls nothing worth measuring. Thread-safe.
 */
public final class TrafficLog {
    /** SOAP exchanges kept: a listing, an add and its read-back fit several times over. */
    public static final int MAX_EXCHANGES = 32;
    /** Search answers kept: a router answers each of the few searches once or twice. */
    public static final int MAX_ANSWERS = 32;
    /** Characters kept of each request, answer or datagram. */
    public static final int MAX_TEXT = 4096;

    /**
     * One SOAP call as it went.
     *
     * @param status the HTTP status, or 0 when none came
     * @param error what went wrong without an answer ("" when one came)
     */
    public record SoapExchange(Instant at, URI url, String action, String request, int status, String response,
            String error) {
    }

    /** One datagram that answered a search, as text. */
    public record SearchAnswer(Instant at, InetAddress from, String text) {
    }

    private final Clock clock;
    private final ArrayDeque<SoapExchange> exchanges = new ArrayDeque<>();
    private final ArrayDeque<SearchAnswer> answers = new ArrayDeque<>();

    public TrafficLog() {
        this(Clock.systemUTC());
    }

    TrafficLog(Clock clock) {
        this.clock = clock;
    }

    /** Records a SOAP call; {@code response} may be null (no answer), then {@code error} says why. */
    public void soap(URI url, String action, String request, int status, byte[] response, String error) {
        String answer = response == null ? "" : new String(response, 0, Math.min(response.length, MAX_TEXT * 4),
                java.nio.charset.StandardCharsets.UTF_8);
        SoapExchange e = new SoapExchange(clock.instant(), url, cut(action), cut(request), status, cut(answer),
                cut(error == null ? "" : error));
        synchronized (exchanges) {
            if (exchanges.size() == MAX_EXCHANGES) {
                exchanges.removeFirst();
            }
            exchanges.addLast(e);
        }
    }

    /** Records a datagram that answered a search. */
    public void searchAnswer(InetAddress from, String text) {
        SearchAnswer a = new SearchAnswer(clock.instant(), from, cut(text));
        synchronized (answers) {
            if (answers.size() == MAX_ANSWERS) {
                answers.removeFirst();
            }
            answers.addLast(a);
        }
    }

    /** The exchanges kept, oldest first. */
    public List<SoapExchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /** The search answers kept, oldest first. */
    public List<SearchAnswer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    private static String cut(String text) {
        return text == null ? "" : text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "\u2026";
    }
}
