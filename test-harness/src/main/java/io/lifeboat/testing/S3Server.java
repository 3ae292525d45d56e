package io.lifeboat.testing;

import java.net.URI;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server run as a separate process on 127.0.0.1 (S3Mock, S3Proxy), with the controls
 * failure tests need. Stopping or killing keeps the endpoint and the stored buckets; {@link #start()}
 * brings the server back on the same port.
 */
public interface S3Server extends AutoCloseable {

    /** Access key id and secret both servers accept (S3Proxy checks them): not secret. */
    String ACCESS_KEY = S3Clients.DUMMY_ACCESS_KEY;

    /** http://127.0.0.1:PORT, stable across restarts. */
    URI endpoint();

    /** A sync AWS SDK v2 client for this server (shared, closed with the server; do not close it). */
    S3Client client();

    default void createBucket(String name) {
        client().createBucket(request -> request.bucket(name));
    }

    /** Starts the server (again) on the same port and store; waits until it answers. */
    void start();

    /** SIGTERM and wait: the server shuts down gracefully; stored files are retained. */
    void stop();

    /** SIGKILL: the S3 server dies mid-request, connections are reset. */
    void kill();

    boolean isRunning();

    /** The server's process id, e.g. to read the sockets it listens on; -1 if it never started. */
    long pid();

    /** Closes the client and stops the server. */
    @Override
    void close();
}
