package io.lifeboat.store;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link MultipartUploader}'s uploads whose abort failed (typically because the store was down
 * when the backup failed). {@link #retry()} runs before each backup, so an incomplete upload does
 * not outlive the store's return by more than one backup interval. Uploads lost with a crash are
 * found by {@link IncompleteUploadSweeper} at start-up instead.
 */
final class AbortBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(AbortBacklog.class);

    private final ObjectStore store;
    private final ConcurrentLinkedQueue<IncompleteUpload> pending = new ConcurrentLinkedQueue<>();

    AbortBacklog(ObjectStore store) {
        this.store = store;
    }

    void add(IncompleteUpload upload) {
        pending.add(upload);
    }

    List<IncompleteUpload> pending() {
        return List.copyOf(pending);
    }

    /** Tries to abort each pending upload once; keeps those that still fail. */
    Mono<Void> retry() {
        return Flux.fromIterable(List.copyOf(pending))
                .concatMap(upload -> store.abortUpload(upload.key(), upload.uploadId())
                        .then(Mono.fromRunnable(() -> {
                            pending.remove(upload);
                            LOG.info("aborted the earlier failed upload of {}", upload.key());
                        }))
                        .onErrorResume(e -> {
                            LOG.warn("still cannot abort the upload of {}: {}", upload.key(), e.toString());
                            return Mono.empty();
                        }))
                .then();
    }
}
