package io.lifeboat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of one server (an etcd member), which can be told to stop
 * forwarding what the server sends once it has passed a number of bytes: the connection stays
 * open and nothing is reset, the bytes just stop coming, as from a live etcd whose stream
 * stalls (a wedged disk, a stuck goroutine, a half-dead link). {@link #resume()} lets them
 * flow again. What etcd cannot be made to do on demand.
 *
 * <p>Plain threads, two per connection: a test tool for a handful of connections.
 */
public final class TcpStallProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong fromServer = new AtomicLong();
    private volatile long stallAfterBytes = Long.MAX_VALUE;
    private final Object gate = new Object();

    private TcpStallProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getByName(Loopback.HOST));
        Thread accept = new Thread(this::accept, "tcp-stall-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** A proxy for {@code endpoint} ({@code http://127.0.0.1:PORT}); only loopback targets. */
    public static TcpStallProxy to(String endpoint) {
        try {
            return new TcpStallProxy(Loopback.address(endpoint));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the proxy", e);
        }
    }

    /** {@code http://127.0.0.1:PORT} of the proxy. */
    public URI endpoint() {
        return URI.create("http://" + Loopback.HOST + ":" + server.getLocalPort());
    }

    /** Bytes the server has sent through the proxy so far. */
    public long bytesFromServer() {
        return fromServer.get();
    }

    /** From now on, forward at most {@code bytes} more from the server, then hold the rest. */
    public void stallAfter(long bytes) {
        stallAfterBytes = fromServer.get() + bytes;
    }

    /** Forwards again what is held, and all that follows. */
    public void resume() {
        synchronized (gate) {
            stallAfterBytes = Long.MAX_VALUE;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, false);
                pump(upstream, client, true);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean serverToClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer, 0, serverToClient ? allowed(buffer.length) : buffer.length)) > 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    if (serverToClient) {
                        fromServer.addAndGet(n);
                    }
                }
            } catch (IOException | InterruptedException closed) {
                // The other side went away, or the proxy is closing.
            } finally {
                close(from);
                close(to);
            }
        }, "tcp-stall-proxy-" + (serverToClient ? "down" : "up"));
        t.setDaemon(true);
        t.start();
    }

    /** How much may be read from the server now; waits while stalled. */
    private int allowed(int max) throws InterruptedException {
        synchronized (gate) {
            while (fromServer.get() >= stallAfterBytes) {
                gate.wait(100);
                if (server.isClosed()) {
                    throw new InterruptedException("proxy closed");
                }
            }
            return (int) Math.min(max, stallAfterBytes - fromServer.get());
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        sockets.forEach(TcpStallProxy::close);
        resume();
    }
}
