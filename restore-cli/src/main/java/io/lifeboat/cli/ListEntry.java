package io.lifeboat.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lifeboat.catalog.CatalogEntry;
import io.lifeboat.catalog.Orphan;
import io.lifeboat.manifest.Manifest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One line of {@code lifeboat list}, and one element of its {@code -o json} array. A readable
 * snapshot keeps the fields the listing always had; an unreadable manifest and an orphan
 * object are flagged by {@code status} and {@code readable: false} with a {@code reason}, and
 * carry only what is known of them (fields without a value are left out of the JSON).
 * {@code tiers} are the manifest's recorded tiers, or the policy's computed now when it records none.
 *
 * @param status {@code ok}, {@code unreadable} (a manifest lifeboat cannot read) or
 *     {@code orphan} (a snapshot object no manifest references, older than {@code --orphan-age})
 * @param readable true only for a snapshot a restore can take
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ListEntry(String id, String status, boolean readable, Instant time, Long revision, Long totalKeys,
                 Long dbSizeBytes, Long compressedSizeBytes, List<String> tiers, String objectKey,
                 String manifestKey, Instant lastModified, Long ageSeconds, String reason) {

    /** @param tiers the tiers to show: see {@link io.lifeboat.catalog.CatalogRetention#tiersOf} */
    static ListEntry of(CatalogEntry entry, List<String> tiers) {
        if (entry instanceof CatalogEntry.Readable r) {
            Manifest m = r.manifest();
            return new ListEntry(m.id(), "ok", true, r.id().time(), m.revision(), m.totalKeys(), m.dbSizeBytes(),
                    m.object().sizeBytes(), tiers, m.object().key(), r.key(), null, null, null);
        }
        CatalogEntry.Unreadable u = (CatalogEntry.Unreadable) entry;
        // Time and revision come from the manifest's key: all that is known of this snapshot.
        return new ListEntry(u.id().toString(), "unreadable", false, u.id().time(), u.id().revision(), null, null,
                null, null, null, u.key(), null, null, u.reason());
    }

    static ListEntry of(Orphan orphan, Instant now) {
        return new ListEntry(null, "orphan", false, null, null, null, null, orphan.sizeBytes(), null, orphan.key(),
                null, orphan.lastModified(), orphan.age(now).toSeconds(), "no manifest references this object");
    }

    /** The table row: ID, TAKEN, REVISION, KEYS, DB SIZE, COMPRESSED, TIERS, STATUS. */
    Object[] row() {
        return switch (status) {
            case "ok" -> new Object[] {id, time, revision, totalKeys, Sizes.binary(dbSizeBytes),
                Sizes.binary(compressedSizeBytes), tiers.isEmpty() ? "-" : String.join(",", tiers), "ok"};
            case "unreadable" -> new Object[] {id, time, revision, "-", "-", "-", "-",
                "UNREADABLE " + manifestKey + ": " + reason};
            default -> new Object[] {"-", "-", "-", "-", "-", Sizes.binary(compressedSizeBytes), "-",
                "ORPHAN " + objectKey + " (" + Durations.text(Duration.ofSeconds(ageSeconds))
                        + " old, no manifest)"};
        };
    }
}
