package net.portforward.reach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.progress.Progress;

/**
 * HTTP GET to reachability proxies, with the engine's rules for hostile servers (SafeHttp): one
 * deadline for headers and body together (a server dripping a byte a second cannot hold us), at
 * most {@link #MAX_ANSWER_BYTES} read, no redirects, no system proxy, cancellable. Its messages
 * speak of checkers, not routers.
 */
public final class ProxyHttp implements AutoCloseable {
    /** A checker's answer is a few dozen bytes; anything near this is not a checker. */
    public static final int MAX_ANSWER_BYTES = 16 * 1024;
    private static final String USER_AGENT = "PortForward/0.1 reachability-test";

    private final Duration timeout;
    private final ExecutorService executor;
    /** Built in the background: a cold HttpClient costs about 250 ms, spent while the router is found. */
    private final CompletableFuture<HttpClient> client;

    public ProxyHttp(Duration timeout) {
        this.timeout = timeout;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "portforward-proxy-http");
            t.setDaemon(true);
            return t;
        });
        this.client = CompletableFuture.supplyAsync(() -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(timeout)
                .executor(executor)
                .build(), executor);
    }

    public Duration timeout() {
        return timeout;
    }

    public record Answer(int status, String body) {
    }

    public Answer get(URI uri, Progress progress) throws ProxyFailure, CancelledException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", USER_AGENT)
                .header("Accept", "application/json, text/plain").GET().build();
        CompletableFuture<HttpResponse<byte[]>> future = client.join().sendAsync(request, info -> new Bounded());
        long deadline = System.nanoTime() + timeout.toNanos();
        String where = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        try {
            while (true) {
                if (progress.isCancelled()) {
                    future.cancel(true);
                    throw new CancelledException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    future.cancel(true);
                    throw new ProxyFailure(where + " did not answer within " + timeout.toSeconds() + " s.");
                }
                try {
                    HttpResponse<byte[]> r = future.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)),
                            TimeUnit.NANOSECONDS);
                    return new Answer(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
                } catch (TimeoutException ignored) {
                    // poll again, so a cancel gets through within 100 ms
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TooLarge) {
                throw new ProxyFailure(where + " sent more than " + MAX_ANSWER_BYTES / 1024 + " KB; that is not a checker's answer.");
            }
            if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
                throw new ProxyFailure(where + " did not answer within " + timeout.toSeconds() + " s.");
            }
            if (cause instanceof ConnectException) {
                throw new ProxyFailure(where + " refused the connection or cannot be reached.");
            }
            throw new ProxyFailure("The connection to " + where + " failed (" + cause.getMessage() + ").");
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("answer too large");
        }
    }

    /** Collects up to the limit, whatever Content-Length claimed, and gives up beyond it. */
    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                if (bytes.size() + b.remaining() > MAX_ANSWER_BYTES) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
