package io.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the harness runs or calls lives on 127.0.0.1: tests must never reach a real
 * cluster or bucket by accident, so endpoints are checked here rather than trusted.
 */
public final class Loopback {

    static final String HOST = "127.0.0.1";

    /** Ports handed out in this JVM: the kernel may offer a just-closed port twice in a row. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Loopback() {
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago. Another process can still take it before
     * the caller binds; start-up errors then name the port and carry the server's log.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a socket on " + HOST, e);
            }
        }
        throw new IllegalStateException("no unused free port on " + HOST + " after 100 attempts");
    }

    /**
     * The first address of an etcd endpoint list ("http://127.0.0.1:2379,..."), refused unless it
     * is 127.0.0.1 with an explicit port.
     */
    static InetSocketAddress address(String endpoints) {
        if (endpoints == null || endpoints.isBlank()) {
            throw new IllegalArgumentException("endpoint is empty");
        }
        String first = endpoints.split(",")[0].trim();
        URI uri = URI.create(first);
        if (!HOST.equals(uri.getHost()) || uri.getPort() < 0) {
            throw new IllegalArgumentException(
                    "the test harness only talks to http://" + HOST + ":<port>, got: " + first);
        }
        return new InetSocketAddress(HOST, uri.getPort());
    }

    /** Checks every endpoint of a comma-separated list and returns the list unchanged. */
    static String requireAll(String endpoints) {
        for (String endpoint : endpoints.split(",")) {
            address(endpoint);
        }
        return endpoints;
    }
}
