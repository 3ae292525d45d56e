package io.lifeboat.testing;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What every real-S3 extension does, whatever the server: one server process per test JVM, kept in
 * the root extension store so JUnit stops it (and deletes its files) when the run ends; one fresh
 * bucket per test class, emptied and deleted when the class ends so large snapshot tests do not
 * fill the disk. Each subclass has its own store namespace, hence its own server.
 */
abstract class BucketPerClassExtension implements BeforeAllCallback, ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(BucketPerClassExtension.class);
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final ExtensionContext.Namespace namespace = ExtensionContext.Namespace.create(getClass());
    private final String dirPrefix;
    private final Function<Path, S3Server> start;

    /**
     * @param dirPrefix name prefix of the server's temp dir
     * @param start     starts the server with its files under the given dir
     */
    BucketPerClassExtension(String dirPrefix, Function<Path, S3Server> start) {
        this.dirPrefix = dirPrefix;
        this.start = start;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        bucketFor(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3Bucket.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return bucketFor(context);
    }

    /** Lazy, like EtcdExtension: PER_CLASS constructors resolve parameters before beforeAll. */
    private S3Bucket bucketFor(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        Class<?> testClass = classContext.getRequiredTestClass();
        SharedServer shared = context.getRoot().getStore(namespace)
                .getOrComputeIfAbsent(SharedServer.class.getName(), key -> startShared(), SharedServer.class);
        return classContext.getStore(namespace)
                .getOrComputeIfAbsent(ClassBucket.class.getName(),
                        key -> ClassBucket.create(shared.server(), bucketName(testClass, BUCKETS.incrementAndGet())),
                        ClassBucket.class)
                .bucket();
    }

    private SharedServer startShared() {
        Path dir = TestDirs.create(dirPrefix);
        return new SharedServer(start.apply(dir), dir);
    }

    /** lb-<class name, lower-case>-<n>: readable in the server's store, valid as an S3 bucket name. */
    static String bucketName(Class<?> testClass, int n) {
        String slug = testClass.getSimpleName().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        String suffix = "-" + n;
        int room = 63 - "lb-".length() - suffix.length();
        return "lb-" + (slug.length() > room ? slug.substring(0, room) : slug).replaceAll("-+$", "") + suffix;
    }

    private record SharedServer(S3Server server, Path dir) implements AutoCloseable {

        @Override
        public void close() {
            server.close();
            TestDirs.deleteUnlessKept(dir);
        }
    }

    private record ClassBucket(S3Bucket bucket) implements AutoCloseable {

        static ClassBucket create(S3Server server, String name) {
            // A previous class may have killed the shared server without starting it again.
            if (!server.isRunning()) {
                server.start();
            }
            server.createBucket(name);
            return new ClassBucket(new S3Bucket(server, server.endpoint(), name, server.client()));
        }

        /** Best effort: a bucket left behind only costs disk until the run's end deletes all. */
        @Override
        public void close() {
            S3Server server = bucket.server();
            if (!server.isRunning()) {
                server.start();
            }
            S3Client client = bucket.client();
            String name = bucket.name();
            try {
                for (MultipartUpload upload : client.listMultipartUploads(r -> r.bucket(name)).uploads()) {
                    client.abortMultipartUpload(
                            r -> r.bucket(name).key(upload.key()).uploadId(upload.uploadId()));
                }
                for (S3Object object : client.listObjectsV2Paginator(r -> r.bucket(name)).contents()) {
                    client.deleteObject(r -> r.bucket(name).key(object.key()));
                }
                client.deleteBucket(r -> r.bucket(name));
            } catch (SdkException e) {
                LOG.warn("could not empty and delete test bucket {}: {}", name, e.toString());
            }
        }
    }
}
