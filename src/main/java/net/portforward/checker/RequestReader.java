package net.portforward.checker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The checker's front door, on plain sockets. The JDK's HttpServer reads a request on a worker
 * thread with no time limit by default, so a few dozen clients sending their request a byte at a
 * time held every worker and real checks failed ("every checker failed"); it has no way to refuse
 * a connection by its source before reading it either. Here:
 * <ul>
 * <li>one selector thread reads every request head without blocking, so a dripping client holds
 *     no thread; a head must arrive whole within the request time, counted from the accept
 *     (408 otherwise), and within {@link #MAX_HEAD_BYTES} (431);
 * <li>each source (an IPv4 address or an IPv6 /64, as {@link RateLimit} counts) may hold at most
 *     {@link #MAX_CONNECTIONS_PER_SOURCE} connections at once, further ones are closed at the
 *     door; at most {@link #MAX_OPEN_CONNECTIONS} in all. The trusted proxy is exempt from the
 *     per-source limit: all its clients share its address;
 * <li>only a complete head goes to the fixed pool of {@link #THREADS} workers (503 when the pool
 *     and its queue are full), which answers and closes. One request per connection.
 * </ul>
 */
final class RequestReader implements AutoCloseable {
    static final int MAX_HEAD_BYTES = 8 * 1024;
    static final int MAX_CONNECTIONS_PER_SOURCE = 4;
    static final int MAX_OPEN_CONNECTIONS = 1024;
    static final int THREADS = 16;
    private static final int QUEUE = 64;

    /** What to send back: the whole answer, status line to body, for the connection to close after. */
    interface Responder {
        /** @param head the request, or empty when it is not HTTP */
        byte[] answer(InetAddress peer, Optional<RequestHead> head);

        /** An answer the reader gives itself (408, 431, 503) with {@code detail} in words. */
        byte[] refusal(int status, String detail);
    }

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Duration requestTime;
    private final InetAddress noSourceLimit;
    private final Responder responder;
    private final ThreadPoolExecutor workers;
    private final Thread loop;
    /** Open connections per source, and in all; guarded by {@code perSource}. */
    private final Map<InetAddress, Integer> perSource = new HashMap<>();
    private int open;
    /** Connections still reading their head, oldest (so first to expire) first. Selector thread only. */
    private final LinkedHashSet<Connection> reading = new LinkedHashSet<>();
    private volatile boolean closed;

    /**
     * @param noSourceLimit the trusted proxy, whose connections carry many clients, or {@code null}
     */
    RequestReader(InetSocketAddress listen, Duration requestTime, InetAddress noSourceLimit, Responder responder)
            throws IOException {
        this.requestTime = requestTime;
        this.noSourceLimit = noSourceLimit;
        this.responder = responder;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            server.bind(listen, 64);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            server.close();
            selector.close();
            throw e;
        }
        this.workers = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> daemon(r, "portforward-checker"), new ThreadPoolExecutor.AbortPolicy());
        workers.allowCoreThreadTimeOut(true);
        this.loop = daemon(this::run, "portforward-checker-reader");
        loop.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.socket().getLocalSocketAddress();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private final class Connection {
        final SocketChannel channel;
        final InetAddress peer;
        final InetAddress source;
        final long deadline;
        ByteBuffer head = ByteBuffer.allocate(1024);
        private boolean released;

        Connection(SocketChannel channel, InetAddress peer) {
            this.channel = channel;
            this.peer = peer;
            this.source = RateLimit.source(peer);
            this.deadline = System.nanoTime() + requestTime.toNanos();
        }

        /** Sends what fits at once (an answer is well under a socket buffer), then closes. */
        void answerAndClose(byte[] answer) {
            try {
                ByteBuffer out = ByteBuffer.wrap(answer);
                while (out.hasRemaining() && channel.write(out) > 0) {
                    // a client that reads nothing gets what fitted
                }
                channel.shutdownOutput();
            } catch (IOException gone) {
                // the client left
            }
            close();
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            synchronized (perSource) {
                if (!released) {
                    released = true;
                    open--;
                    perSource.computeIfPresent(source, (s, n) -> n <= 1 ? null : n - 1);
                }
            }
            // A channel closed off the selector thread is let go at the selector's next turn.
            selector.wakeup();
        }
    }

    /** Counts the connection in, unless its source or the whole server already holds the most. */
    private boolean admit(InetAddress peer) {
        synchronized (perSource) {
            if (open >= MAX_OPEN_CONNECTIONS) {
                return false;
            }
            InetAddress source = RateLimit.source(peer);
            int held = perSource.getOrDefault(source, 0);
            if (held >= MAX_CONNECTIONS_PER_SOURCE && !peer.equals(noSourceLimit)) {
                return false;
            }
            perSource.put(source, held + 1);
            open++;
            return true;
        }
    }

    private void run() {
        try {
            while (!closed) {
                selector.select(expireLate());
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        acceptAll();
                    } else if (key.isReadable()) {
                        read(key, (Connection) key.attachment());
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // closed
        } finally {
            for (Connection c : reading) {
                c.close();
            }
            reading.clear();
        }
    }

    private void acceptAll() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            InetAddress peer = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
            if (!admit(peer)) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                channel.close();
                continue;
            }
            Connection c = new Connection(channel, peer);
            try {
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, c);
                reading.add(c);
            } catch (IOException gone) {
                c.close();
            }
        }
    }

    private void read(SelectionKey key, Connection c) {
        int before = c.head.position();
        int n;
        try {
            n = c.channel.read(c.head);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            done(key, c);
            c.close();
            return;
        }
        int end = headEnd(c.head, before);
        if (end >= 0) {
            done(key, c);
            byte[] head = Arrays.copyOf(c.head.array(), end);
            try {
                workers.execute(() -> respond(c, head));
            } catch (RejectedExecutionException busy) {
                c.answerAndClose(responder.refusal(503, "The checker is busy; try again in a minute."));
            }
        } else if (!c.head.hasRemaining()) {
            if (c.head.capacity() >= MAX_HEAD_BYTES) {
                done(key, c);
                c.answerAndClose(responder.refusal(431, "The request's headers are longer than "
                        + MAX_HEAD_BYTES / 1024 + " KB."));
            } else {
                c.head = ByteBuffer.allocate(c.head.capacity() * 2).put(c.head.flip());
            }
        }
    }

    private void done(SelectionKey key, Connection c) {
        key.cancel();
        reading.remove(c);
    }

    private void respond(Connection c, byte[] head) {
        byte[] answer;
        try {
            answer = responder.answer(c.peer, RequestHead.parse(head));
        } catch (RuntimeException e) {
            answer = responder.refusal(500, "The checker failed on this request.");
        }
        c.answerAndClose(answer);
    }

    /**
     * Where the head ends (just after its blank line), looking only where a blank line can end
     * among the bytes that came since {@code from}; -1 while it has not come. CRLF or bare LF.
     */
    static int headEnd(ByteBuffer buffer, int from) {
        byte[] b = buffer.array();
        for (int i = Math.max(1, from); i < buffer.position(); i++) {
            if (b[i] == '\n' && (b[i - 1] == '\n' || (i >= 2 && b[i - 1] == '\r' && b[i - 2] == '\n'))) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Answers 408 to every connection whose head did not come within the request time.
     *
     * @return milliseconds until the next one would expire, 0 when none is reading
     */
    private long expireLate() {
        long now = System.nanoTime();
        Iterator<Connection> oldestFirst = reading.iterator();
        while (oldestFirst.hasNext()) {
            Connection c = oldestFirst.next();
            long left = c.deadline - now;
            if (left > 0) {
                return Math.max(1, TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
            oldestFirst.remove();
            SelectionKey key = c.channel.keyFor(selector);
            if (key != null) {
                key.cancel();
            }
            c.answerAndClose(responder.refusal(408, "The request did not arrive within "
                    + Math.max(1, requestTime.toSeconds()) + " s."));
        }
        return 0;
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            server.close();
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
        workers.shutdownNow();
    }
}
