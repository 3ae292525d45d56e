package io.lifeboat.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real S3 server (S3Mock) that injects what a real
 * server will not produce on demand: failed part uploads. Everything else is forwarded
 * unchanged (S3Mock does not check signatures, so the changed Host header is harmless).
 *
 * <p>{@link #failNextPartUploads(int)} answers the next N UploadPart requests with an S3-style
 * 500 after reading their body, as a store with a transient fault does. {@link #limitUploadRate}
 * reads request bodies no faster than a given rate, all requests together: a slow bucket.
 */
public final class S3FaultProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "date");
    private static final String INTERNAL_ERROR = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error>"
            + "<Code>InternalError</Code><Message>injected by S3FaultProxy</Message></Error>";

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "s3-fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger partFailuresLeft = new AtomicInteger();
    private final AtomicInteger partUploadsSeen = new AtomicInteger();
    private final AtomicInteger partFailuresInjected = new AtomicInteger();
    private final AtomicLong bodyBytesReceived = new AtomicLong();
    /** Bytes per second for all request bodies together; 0 = unlimited. */
    private volatile long uploadBytesPerSecond;
    /** When the rate allows the next chunk, in System.nanoTime(); guarded by this. */
    private long nextChunkNanos;

    private S3FaultProxy(URI target) throws IOException {
        Loopback.address(target.toString());
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(Loopback.HOST, 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a proxy to {@code target}, which must be on 127.0.0.1. */
    public static S3FaultProxy start(URI target) {
        try {
            return new S3FaultProxy(target);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the S3 fault proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://" + Loopback.HOST + ":" + server.getAddress().getPort());
    }

    /** Reads request bodies at no more than {@code bytesPerSecond} in total (0: no limit). */
    public void limitUploadRate(long bytesPerSecond) {
        uploadBytesPerSecond = bytesPerSecond;
    }

    /** Request body bytes read so far, all requests. */
    public long bodyBytesReceived() {
        return bodyBytesReceived.get();
    }

    public void failNextPartUploads(int count) {
        partFailuresLeft.set(count);
    }

    /** UploadPart requests received, failed ones included. */
    public int partUploadsSeen() {
        return partUploadsSeen.get();
    }

    public int partFailuresInjected() {
        return partFailuresInjected.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = readBody(in);
            String query = exchange.getRequestURI().getRawQuery();
            boolean partUpload = "PUT".equals(exchange.getRequestMethod()) && query != null
                    && query.contains("partNumber=");
            if (partUpload) {
                partUploadsSeen.incrementAndGet();
                if (partFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    partFailuresInjected.incrementAndGet();
                    respond(exchange, 500, INTERNAL_ERROR.getBytes(StandardCharsets.UTF_8), false);
                    return;
                }
            }
            forward(exchange, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] readBody(InputStream in) throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int n;
        while ((n = in.read(chunk)) > 0) {
            long rate = uploadBytesPerSecond;
            if (rate > 0) {
                long due;
                synchronized (this) {
                    long now = System.nanoTime();
                    nextChunkNanos = Math.max(nextChunkNanos, now) + n * 1_000_000_000L / rate;
                    due = nextChunkNanos;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            body.write(chunk, 0, n);
            bodyBytesReceived.addAndGet(n);
        }
        return body.toByteArray();
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI uri = URI.create(target.toString().replaceAll("/$", "") + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .method(exchange.getRequestMethod(), body.length == 0 && !"PUT".equals(exchange.getRequestMethod())
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) || "content-length".equalsIgnoreCase(name)
                    && "HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        respond(exchange, response.statusCode(), response.body(), "HEAD".equals(exchange.getRequestMethod()));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, boolean head) throws IOException {
        if (head || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
