package net.portforward.reach;

import fi.iki.elonen.NanoHTTPD;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.portforward.engine.error.PortForwardException;

/**
 * The built-in web server: one test page for the reachability test, on NanoHTTPD 2.3.1 used the
 * only safe way FIELD.md found for that unmaintained release:
 * <ul>
 * <li>bound to one address (the LAN address), never every interface ({@code NanoHTTPD(port)} would);
 * <li>a fixed pool of {@value #THREADS} threads and a short queue instead of a thread per
 *     connection; connections beyond that are closed at once;
 * <li>no request body is ever parsed (NanoHTTPD spools bodies over 1 KB to world-readable temp
 *     files, CVE-2022-21230), and the temp-file factory refuses anyway;
 * <li>every read times out, and no connection lives longer than {@link #MAX_CONNECTION_TIME}, so a
 *     client dripping a byte at a time cannot hold a thread;
 * <li>GET of "/" only: 405 for other methods, 404 for other paths.
 * </ul>
 */
public final class TestPageServer implements LocalService, AutoCloseable {
    public static final int THREADS = 8;
    public static final int QUEUE = 32;
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MAX_CONNECTION_TIME = Duration.ofSeconds(15);

    /**
     * One cut-off per connection, cancelled when the connection ends. Cancelled ones leave the
     * queue at once: otherwise a flood of short connections would pile up
     * {@link #MAX_CONNECTION_TIME} worth of dead tasks.
     */
    private static final ScheduledThreadPoolExecutor CUTOFF = cutoffScheduler();

    /**
     * NanoHTTPD logs a stack trace at SEVERE whenever a client leaves before its answer is sent,
     * an ordinary event for a server on the internet. Held here so the level sticks.
     */
    private static final Logger NANO_LOG = Logger.getLogger(NanoHTTPD.class.getName());

    static {
        NANO_LOG.setLevel(Level.OFF);
    }

    private final Server server;
    private final InetAddress address;
    private final Clock clock;
    private final Duration maxConnectionTime;
    private final AtomicLong served = new AtomicLong();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile ReachToken token;

    private TestPageServer(InetAddress address, int port, Clock clock, Duration maxConnectionTime) {
        this.address = address;
        this.clock = clock;
        this.maxConnectionTime = maxConnectionTime;
        this.server = new Server(address.getHostAddress(), port);
    }

    /**
     * Starts serving on {@code address:port} (port 0: any free one).
     *
     * @throws PortForwardException with a sentence when the port is taken or the address is not this computer's
     */
    public static TestPageServer start(InetAddress address, int port) throws PortForwardException {
        return start(address, port, READ_TIMEOUT, MAX_CONNECTION_TIME, Clock.systemDefaultZone());
    }

    /** As {@link #start(InetAddress, int)} with other time limits (tests). */
    static TestPageServer start(InetAddress address, int port, Duration readTimeout, Duration maxConnectionTime,
                                Clock clock) throws PortForwardException {
        if (address == null || address.isAnyLocalAddress()) {
            throw new IllegalArgumentException("the web server binds one address, never every interface");
        }
        TestPageServer s = new TestPageServer(address, port, clock, maxConnectionTime);
        try {
            // daemon: the window's or command's end stops it even if nobody calls close()
            s.server.start((int) readTimeout.toMillis(), true);
        } catch (BindException e) {
            s.server.runner.pool.shutdownNow();
            throw new PortForwardException(ReachFact.WEB_PORT_BUSY.with(port, address, e.getMessage()));
        } catch (IOException e) {
            s.server.runner.pool.shutdownNow();
            throw new PortForwardException(ReachFact.WEB_NOT_STARTED.with(port, address, e.getMessage()));
        }
        return s;
    }

    public InetAddress address() {
        return address;
    }

    public int port() {
        return server.getListeningPort();
    }

    /** Where the page is, for people and for the browser. */
    public URI url() {
        return URI.create("http://" + address.getHostAddress() + ":" + port() + "/");
    }

    /** Requests answered so far, whatever the answer (page, 404, 405). */
    public long requestsServed() {
        return served.get();
    }

    /**
     * Called (on a server thread) after each answered request: any LAN host can send thousands a
     * second, so a listener that updates a window should throttle (ui.common.Throttle).
     */
    public void onRequest(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void expect(ReachToken value) {
        token = value;
    }

    @Override
    public boolean running() {
        return server.isAlive();
    }

    @Override
    public void close() {
        server.stop();
        server.runner.pool.shutdownNow();
    }

    private NanoHTTPD.Response answer(NanoHTTPD.IHTTPSession session) {
        NanoHTTPD.Response r;
        if (session.getMethod() != NanoHTTPD.Method.GET) {
            r = NanoHTTPD.newFixedLengthResponse(NanoHTTPD.Response.Status.METHOD_NOT_ALLOWED, NanoHTTPD.MIME_PLAINTEXT,
                    "Only GET is served here.\n");
            r.addHeader("Allow", "GET");
            // The body we did not read would be taken for the next request: end the connection.
            r.closeConnection(true);
        } else if (!"/".equals(session.getUri())) {
            r = NanoHTTPD.newFixedLengthResponse(NanoHTTPD.Response.Status.NOT_FOUND, NanoHTTPD.MIME_PLAINTEXT,
                    "Not found. The PortForward test page is at /\n");
        } else {
            r = NanoHTTPD.newFixedLengthResponse(NanoHTTPD.Response.Status.OK, "text/html; charset=utf-8",
                    TestPage.html(clock.instant(), token, clock.getZone() == null ? ZoneId.systemDefault() : clock.getZone()));
            r.addHeader("Cache-Control", "no-store");
        }
        r.addHeader("X-Content-Type-Options", "nosniff");
        served.incrementAndGet();
        listeners.forEach(Runnable::run);
        return r;
    }

    /** Refuses every temp file: nothing here parses a body, and a body must never reach the disk. */
    private static final NanoHTTPD.TempFileManager NO_TEMP_FILES = new NanoHTTPD.TempFileManager() {
        @Override
        public void clear() {
            // nothing was made
        }

        @Override
        public NanoHTTPD.TempFile createTempFile(String name) throws IOException {
            throw new IOException("PortForward's web server does not accept request bodies");
        }
    };

    private final class Server extends NanoHTTPD {
        final BoundedRunner runner = new BoundedRunner();

        Server(String host, int port) {
            super(host, port);
            setAsyncRunner(runner);
            setTempFileManagerFactory(() -> NO_TEMP_FILES);
        }

        @Override
        public Response serve(IHTTPSession session) {
            return answer(session);
        }

        @Override
        protected ClientHandler createClientHandler(Socket socket, InputStream in) {
            return new Handler(in, socket);
        }

        /**
         * NanoHTTPD's own handler, with two changes: the peer's address is handed over with its
         * literal as its name (HTTPSession asks for the peer's host name, a reverse DNS lookup per
         * connection otherwise), and the connection is cut after {@link #maxConnectionTime}.
         */
        private final class Handler extends ClientHandler {
            private final InputStream in;
            private final Socket socket;

            Handler(InputStream in, Socket socket) {
                super(in, socket);
                this.in = in;
                this.socket = socket;
            }

            @Override
            public void run() {
                ScheduledFuture<?> cutoff = CUTOFF.schedule(this::close, maxConnectionTime.toMillis(), TimeUnit.MILLISECONDS);
                try (OutputStream out = socket.getOutputStream()) {
                    InetAddress peer = socket.getInetAddress();
                    InetAddress named = InetAddress.getByAddress(peer.getHostAddress(), peer.getAddress());
                    HTTPSession session = new HTTPSession(NO_TEMP_FILES, in, out, named);
                    while (!socket.isClosed()) {
                        session.execute();
                    }
                } catch (Exception ended) {
                    // the client left, a read timed out, the cut-off fired, or an answer closed the
                    // connection: all ordinary ends of a connection here
                } finally {
                    cutoff.cancel(false);
                    close();
                    runner.closed(this);
                }
            }
        }
    }

    /** A fixed pool with a short queue; a connection that finds both full is closed unanswered. */
    private static final class BoundedRunner implements NanoHTTPD.AsyncRunner {
        final ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "portforward-web");
                    t.setDaemon(true);
                    return t;
                });
        private final Set<NanoHTTPD.ClientHandler> open = ConcurrentHashMap.newKeySet();

        BoundedRunner() {
            pool.allowCoreThreadTimeOut(true);
        }

        @Override
        public void exec(NanoHTTPD.ClientHandler handler) {
            open.add(handler);
            try {
                pool.execute(handler);
            } catch (RejectedExecutionException full) {
                open.remove(handler);
                handler.close();
            }
        }

        @Override
        public void closed(NanoHTTPD.ClientHandler handler) {
            open.remove(handler);
        }

        @Override
        public void closeAll() {
            for (NanoHTTPD.ClientHandler h : open.toArray(NanoHTTPD.ClientHandler[]::new)) {
                h.close();
            }
        }

        /** Threads the pool holds now (tests: never more than {@link #THREADS}). */
        int threads() {
            return pool.getPoolSize();
        }
    }

    private static ScheduledThreadPoolExecutor cutoffScheduler() {
        ScheduledThreadPoolExecutor cutoff = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "portforward-web-cutoff");
            t.setDaemon(true);
            return t;
        });
        cutoff.setRemoveOnCancelPolicy(true);
        return cutoff;
    }

    /** For tests: cut-offs waiting in the scheduler (of every server). */
    static int cutoffsWaiting() {
        return CUTOFF.getQueue().size();
    }

    /** For tests: the pool's threads right now. */
    int poolThreads() {
        return server.runner.threads();
    }
}
