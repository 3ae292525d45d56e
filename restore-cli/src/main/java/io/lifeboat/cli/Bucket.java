package io.lifeboat.cli;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.catalog.Catalog;
import io.lifeboat.catalog.OrphanSweeper;
import io.lifeboat.catalog.SnapshotSelector;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.restore.SnapshotDownload;
import io.lifeboat.store.BucketLifecycle;
import io.lifeboat.store.ObjectStore;
import io.lifeboat.store.S3ObjectStore;
import io.lifeboat.store.S3Settings;
import java.io.PrintWriter;
import java.util.Map;

/** The bucket one command works on: its store, catalog and downloads. Close it when done. */
final class Bucket implements AutoCloseable {

    private final S3Settings settings;
    private final ObjectStore store;
    private final Catalog catalog;
    private final OrphanSweeper orphans;

    private Bucket(S3Settings settings, BucketLayout layout) {
        this.settings = settings;
        this.store = S3ObjectStore.open(settings);
        this.catalog = new Catalog(store, layout);
        this.orphans = new OrphanSweeper(store, catalog);
    }

    /** Validates the settings (IllegalArgumentException naming the flag) before any client is built. */
    static Bucket open(BucketOptions options, Map<String, String> env) {
        S3Settings settings = options.settings(env);
        BucketLayout layout = options.layout(env);
        return new Bucket(settings, layout);
    }

    Catalog catalog() {
        return catalog;
    }

    /** Finds orphans only: the CLI never deletes them (the service's sweep does). */
    OrphanSweeper orphans() {
        return orphans;
    }

    /** The snapshot {@code selector} names; each unreadable manifest passed over on the way is a warning on stderr. */
    Manifest resolve(SnapshotSelector selector, PrintWriter err) {
        return selector.resolve(catalog, skipped -> err.println("warning: skipping " + skipped.id()
                + ": its manifest " + skipped.key() + " " + skipped.reason())).block();
    }

    BucketLifecycle lifecycle() {
        return new BucketLifecycle(store);
    }

    /** The bucket's store, for the few calls no core class wraps (HEAD and thaw of one object). */
    ObjectStore store() {
        return store;
    }

    SnapshotDownload download() {
        return SnapshotDownload.of(store);
    }

    /** For messages: bucket and cluster folder, never credentials. */
    String describe() {
        return settings.describe() + " " + catalog.layout().clusterRoot();
    }

    /**
     * Closes the client without waiting: the SDK's Netty event loops take two seconds of quiet
     * period to shut down gracefully, which a command about to exit should not spend. The
     * close goes on in a daemon thread (it finishes in a long-lived JVM, such as a test run).
     */
    @Override
    public void close() {
        Thread closer = new Thread(store::close, "lifeboat-s3-close");
        closer.setDaemon(true);
        closer.start();
    }
}
