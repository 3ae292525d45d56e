package io.lifeboat.catalog;

import io.lifeboat.retention.Tier;
import io.lifeboat.store.ObjectStore;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Tags snapshot objects with their highest retention tier ({@code lifeboat-tier=daily}), so that
 * the bucket's lifecycle rules can move tiers between storage classes and people can filter by
 * tier. The tag set is replaced, not merged: lifeboat owns its snapshot objects.
 *
 * <p>A store without object tagging (S3Proxy answers 501 NotImplemented) is noticed once: one
 * warning, then no more tagging attempts for the life of this instance, which should be one per
 * process. Tiers are still recorded in the manifests, which is what lifeboat itself reads.
 */
public final class TierTags {

    /** The object tag lifecycle rules filter on. */
    public static final String TAG_KEY = "lifeboat-tier";

    private static final Logger LOG = LoggerFactory.getLogger(TierTags.class);

    private final ObjectStore store;
    private final AtomicBoolean unsupported = new AtomicBoolean();

    public TierTags(ObjectStore store) {
        this.store = store;
    }

    /** Sets the object's tag to {@code tier}; completes empty, without a call, once tagging is known unsupported. */
    public Mono<Void> tag(String objectKey, Tier tier) {
        return Mono.defer(() -> unsupported.get() ? Mono.empty()
                : store.replaceTags(objectKey, Map.of(TAG_KEY, tier.label()))
                        .doOnNext(tagged -> {
                            if (!tagged && unsupported.compareAndSet(false, true)) {
                                LOG.warn("s3://{} does not implement object tagging (NotImplemented): snapshot objects"
                                        + " get no {} tag, so lifecycle rules by tier cannot apply; tiers are still"
                                        + " recorded in the manifests. No more tagging is tried until restart",
                                        store.bucket(), TAG_KEY);
                            }
                        })
                        .then());
    }

    /** False once the store answered that it does not implement tagging. */
    public boolean supported() {
        return !unsupported.get();
    }
}
