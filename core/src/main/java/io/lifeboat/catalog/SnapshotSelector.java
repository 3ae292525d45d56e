package io.lifeboat.catalog;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.snapshot.SnapshotId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/**
 * Which snapshot a restore or a verify means: one id, the newest ({@code latest}), the newest
 * taken at or before a time, or the newest whose revision is at or below a revision. The
 * query "newest restorable snapshot" lives here, once, for every caller.
 *
 * <p>Resolving reads the catalog (manifests only) and fails with
 * {@link SnapshotNotFoundException} when nothing matches, never with an empty result.
 * {@code latest}, {@code --at} and {@code --revision} choose candidates by the ids the
 * manifest keys carry and take the newest readable one ({@link Catalog#newestReadable}):
 * an unreadable manifest is passed over with a warning. A request for one id fails with
 * {@link io.lifeboat.manifest.ManifestFormatException} if that manifest cannot be read.
 */
public sealed interface SnapshotSelector {

    /** {@code latest} or a snapshot id, as typed on a command line. */
    static SnapshotSelector parse(String idOrLatest) {
        if (idOrLatest == null || idOrLatest.isBlank() || idOrLatest.equalsIgnoreCase("latest")) {
            return new Latest();
        }
        return new ById(SnapshotId.parse(idOrLatest.trim()));
    }

    /**
     * A time as an operator types it: ISO-8601 with an offset ({@code 2026-11-21T23:15:00Z},
     * {@code 2026-11-22T00:15:00+01:00}) or the compact form of snapshot ids ({@code 20261121T231500Z}).
     */
    static Instant parseTime(String text) {
        String t = text == null ? "" : text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return SnapshotId.parse(t + "-r0").time();
            } catch (IllegalArgumentException notCompact) {
                throw new IllegalArgumentException("not a time: '" + text
                        + "' (expected e.g. 2026-11-21T23:15:00Z or 20261121T231500Z)");
            }
        }
    }

    /** The manifest this selector names in {@code catalog}; unreadable manifests passed over are only logged. */
    default Mono<Manifest> resolve(Catalog catalog) {
        return resolve(catalog, skipped -> { });
    }

    /**
     * The manifest this selector names in {@code catalog}.
     *
     * @param skipped told of each unreadable manifest passed over on the way to the answer
     */
    Mono<Manifest> resolve(Catalog catalog, Consumer<CatalogEntry.Unreadable> skipped);

    /** The newest readable snapshot in the catalog. */
    record Latest() implements SnapshotSelector {
        @Override
        public Mono<Manifest> resolve(Catalog catalog, Consumer<CatalogEntry.Unreadable> skipped) {
            return newestReadable(catalog, id -> true, skipped, "no snapshot");
        }
    }

    record ById(SnapshotId id) implements SnapshotSelector {
        public ById {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public Mono<Manifest> resolve(Catalog catalog, Consumer<CatalogEntry.Unreadable> skipped) {
            return catalog.find(id).switchIfEmpty(Mono.error(() -> notFound(catalog, "no snapshot " + id)));
        }
    }

    /** The newest snapshot whose id time (when it was taken) is at or before {@code time}. */
    record AtOrBefore(Instant time) implements SnapshotSelector {
        public AtOrBefore {
            Objects.requireNonNull(time, "time");
        }

        @Override
        public Mono<Manifest> resolve(Catalog catalog, Consumer<CatalogEntry.Unreadable> skipped) {
            return newestReadable(catalog, id -> !id.time().isAfter(time), skipped,
                    "no snapshot taken at or before " + time);
        }
    }

    /** The newest snapshot whose revision is at or below {@code revision}. */
    record AtOrBelowRevision(long revision) implements SnapshotSelector {
        @Override
        public Mono<Manifest> resolve(Catalog catalog, Consumer<CatalogEntry.Unreadable> skipped) {
            // The id's revision is the manifest's (a restore refuses a manifest whose figures disagree with its id).
            return newestReadable(catalog, id -> id.revision() <= revision, skipped,
                    "no snapshot at or below revision " + revision);
        }
    }

    private static Mono<Manifest> newestReadable(Catalog catalog, Predicate<SnapshotId> candidates,
                                                 Consumer<CatalogEntry.Unreadable> skipped, String none) {
        return Mono.defer(() -> {
            AtomicInteger passedOver = new AtomicInteger();
            return catalog.newestReadable(candidates, bad -> {
                        passedOver.incrementAndGet();
                        skipped.accept(bad);
                    })
                    .switchIfEmpty(Mono.error(() -> notFound(catalog, passedOver.get() == 0 ? none
                            : none + " that this lifeboat can read (" + passedOver.get()
                                    + " unreadable manifest(s) passed over)")));
        });
    }

    private static SnapshotNotFoundException notFound(Catalog catalog, String what) {
        return new SnapshotNotFoundException(what + " for cluster '" + catalog.layout().cluster() + "' under "
                + catalog.layout().manifestsPrefix() + " (run `lifeboat list` to see what there is)");
    }
}
