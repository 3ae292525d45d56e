package io.lifeboat.store;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Aborts multipart uploads under a prefix that were started before a cutoff: what a crashed
 * or killed backup leaves behind. The cutoff keeps the sweep away from an upload another
 * writer may still be sending; the bucket's lifecycle rule is the backstop.
 */
public final class IncompleteUploadSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(IncompleteUploadSweeper.class);

    private final S3AsyncClient s3;
    private final String bucket;

    public IncompleteUploadSweeper(S3AsyncClient s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** @return the number of uploads aborted */
    public Mono<Long> sweep(String prefix, Instant startedBefore) {
        return Flux.from(s3.listMultipartUploadsPaginator(r -> r.bucket(bucket).prefix(prefix)).uploads())
                // A store that omits the start time gets no sweep: that upload may be another writer's, live.
                .filter(upload -> upload.initiated() != null && upload.initiated().isBefore(startedBefore))
                .concatMap(this::abort)
                .count()
                .onErrorMap(e -> new StoreException("cannot list incomplete uploads under " + prefix + " in bucket "
                        + bucket + ": " + MultipartUploader.rootMessage(e), e));
    }

    private Mono<MultipartUpload> abort(MultipartUpload upload) {
        return Mono.fromFuture(() -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key())
                        .uploadId(upload.uploadId())))
                .doOnSuccess(ok -> LOG.info("swept incomplete upload of {} started {}", upload.key(), upload.initiated()))
                .thenReturn(upload);
    }
}
