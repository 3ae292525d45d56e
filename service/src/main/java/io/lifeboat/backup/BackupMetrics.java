package io.lifeboat.backup;

import io.lifeboat.coordination.SkipReason;
import io.lifeboat.failure.FailureKind;
import io.lifeboat.manifest.Manifest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backup's Prometheus metrics, all named {@code lifeboat_*} on {@code /prometheus}:
 * duration, db bytes read from etcd, bytes written to the bucket, last success time,
 * failures by reason, backups left to another instance by reason, and whether a backup is running.
 */
@Singleton
public class BackupMetrics {

    /** The kinds a backup can fail with: registered at 0 so that rates and alerts see them from the start. */
    static final java.util.List<FailureKind> BACKUP_FAILURES = java.util.List.of(FailureKind.ETCD_UNAVAILABLE,
            FailureKind.STORE_UNAVAILABLE, FailureKind.INTEGRITY, FailureKind.TIMEOUT, FailureKind.INTERRUPTED, FailureKind.UNEXPECTED);

    private final MeterRegistry registry;
    private final Timer duration;
    private final Counter bytesRead;
    private final Counter bytesWritten;
    private final AtomicLong lastSuccessEpochSeconds = new AtomicLong();
    private final AtomicLong lastRevision = new AtomicLong();
    private final AtomicLong running = new AtomicLong();

    public BackupMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duration = Timer.builder("lifeboat.backup.duration").description("Wall time of successful backups")
                .register(registry);
        this.bytesRead = Counter.builder("lifeboat.backup.read.bytes").description("etcd db bytes streamed")
                .register(registry);
        this.bytesWritten = Counter.builder("lifeboat.backup.written.bytes")
                .description("Compressed bytes stored in the bucket").register(registry);
        Gauge.builder("lifeboat.backup.last.success.timestamp.seconds", lastSuccessEpochSeconds, AtomicLong::get)
                .description("Unix time of the last successful backup (0: none since start)").register(registry);
        Gauge.builder("lifeboat.backup.last.revision", lastRevision, AtomicLong::get)
                .description("etcd revision of the last successful backup").register(registry);
        Gauge.builder("lifeboat.backup.running", running, AtomicLong::get)
                .description("1 while a backup runs").register(registry);
        for (FailureKind reason : BACKUP_FAILURES) {
            failures(reason);
        }
        for (SkipReason reason : SkipReason.values()) {
            skips(reason);
        }
    }

    void started() {
        running.set(1);
    }

    void succeeded(Manifest manifest) {
        running.set(0);
        duration.record(Duration.ofMillis(manifest.timings().durationMillis()));
        bytesRead.increment(manifest.dbSizeBytes());
        bytesWritten.increment(manifest.object().sizeBytes());
        lastSuccessEpochSeconds.set(manifest.timings().finishedAt().getEpochSecond());
        lastRevision.set(manifest.revision());
    }

    void failed(FailureKind reason) {
        running.set(0);
        failures(reason).increment();
    }

    void skipped(SkipReason reason) {
        running.set(0);
        skips(reason).increment();
    }

    public double skipCount(SkipReason reason) {
        return skips(reason).count();
    }

    public double failureCount(FailureKind reason) {
        return failures(reason).count();
    }

    private Counter skips(SkipReason reason) {
        return Counter.builder("lifeboat.backup.skipped").tag("reason", reason.label())
                .description("Backups left to another instance: its lock was held, or its tick already taken")
                .register(registry);
    }

    private Counter failures(FailureKind reason) {
        return Counter.builder("lifeboat.backup.failures").tag("reason", reason.label())
                .description("Failed backups by reason").register(registry);
    }
}
