package io.lifeboat.store;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * Multipart uploads whose abort failed (typically because the store was down when the
 * backup failed). {@link #retry()} runs before each backup, so an incomplete upload does not
 * outlive the store's return by more than one backup interval. Uploads lost with a crash are
 * found by {@link IncompleteUploadSweeper} at start-up instead.
 */
public final class AbortBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(AbortBacklog.class);

    private final ConcurrentLinkedQueue<PendingUpload> pending = new ConcurrentLinkedQueue<>();

    public void add(PendingUpload upload) {
        pending.add(upload);
    }

    public List<PendingUpload> pending() {
        return List.copyOf(pending);
    }

    /** Tries to abort each pending upload once; keeps those that still fail. */
    public Mono<Void> retry(S3AsyncClient s3, String bucket) {
        return Flux.fromIterable(List.copyOf(pending))
                .concatMap(upload -> Mono.fromFuture(() -> s3.abortMultipartUpload(r -> r.bucket(bucket)
                                .key(upload.key()).uploadId(upload.uploadId())))
                        .then(Mono.fromRunnable(() -> {
                            pending.remove(upload);
                            LOG.info("aborted the earlier failed upload of {}", upload.key());
                        }))
                        .onErrorResume(NoSuchUploadException.class, gone -> Mono.fromRunnable(() -> pending.remove(upload)))
                        .onErrorResume(e -> {
                            LOG.warn("still cannot abort the upload of {}: {}", upload.key(), e.toString());
                            return Mono.empty();
                        }))
                .then();
    }
}
