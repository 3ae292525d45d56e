package io.lifeboat.catalog;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot object that no manifest references: what a backup that failed after its upload
 * completed, or a retention run interrupted between deleting a manifest and its object,
 * leaves behind. It is not a snapshot (the manifest is the commit point) and only costs money.
 *
 * @param key object key
 * @param sizeBytes object size
 * @param lastModified the store's last-modified time
 */
public record Orphan(String key, long sizeBytes, Instant lastModified) {

    public Duration age(Instant now) {
        return Duration.between(lastModified, now);
    }
}
