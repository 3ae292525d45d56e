package io.lifeboat.store;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Aborts multipart uploads under a prefix that were started before a cutoff: what a crashed
 * or killed backup leaves behind. The cutoff keeps the sweep away from an upload another
 * writer may still be sending; the bucket's lifecycle rule is the backstop.
 */
public final class IncompleteUploadSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(IncompleteUploadSweeper.class);

    private final ObjectStore store;

    public IncompleteUploadSweeper(ObjectStore store) {
        this.store = store;
    }

    /** @return the number of uploads aborted */
    public Mono<Long> sweep(String prefix, Instant startedBefore) {
        return store.incompleteUploads(prefix)
                // A store that omits the start time gets no sweep: that upload may be another writer's, live.
                .filter(upload -> upload.initiated() != null && upload.initiated().isBefore(startedBefore))
                .concatMap(upload -> store.abortUpload(upload.key(), upload.uploadId())
                        .doOnSuccess(ok -> LOG.info("swept incomplete upload of {} started {}", upload.key(),
                                upload.initiated()))
                        .thenReturn(upload))
                .count();
    }
}
