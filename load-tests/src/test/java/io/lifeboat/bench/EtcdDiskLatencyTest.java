package io.lifeboat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading etcd's disk histograms from its /metrics text, and what a window between two scrapes saw. */
class EtcdDiskLatencyTest {

    /** The shape etcd 3.4 serves (HELP/TYPE lines, le buckets, +Inf, sum, count), cut to a few buckets. */
    private static String metrics(long fast, long within16, long within64, long count, double sum, long commits) {
        return """
                # HELP etcd_disk_wal_fsync_duration_seconds The latency distributions of fsync called by WAL.
                # TYPE etcd_disk_wal_fsync_duration_seconds histogram
                etcd_disk_wal_fsync_duration_seconds_bucket{le="0.008"} %d
                etcd_disk_wal_fsync_duration_seconds_bucket{le="0.016"} %d
                etcd_disk_wal_fsync_duration_seconds_bucket{le="0.064"} %d
                etcd_disk_wal_fsync_duration_seconds_bucket{le="+Inf"} %d
                etcd_disk_wal_fsync_duration_seconds_sum %s
                etcd_disk_wal_fsync_duration_seconds_count %d
                etcd_disk_backend_commit_duration_seconds_bucket{le="0.016"} %d
                etcd_disk_backend_commit_duration_seconds_bucket{le="0.064"} %d
                etcd_disk_backend_commit_duration_seconds_bucket{le="+Inf"} %d
                etcd_disk_backend_commit_duration_seconds_sum 0.5
                etcd_disk_backend_commit_duration_seconds_count %d
                etcd_mvcc_db_total_size_in_bytes 2.72470016e+08
                """.formatted(fast, within16, within64, count, sum, count, commits, commits, commits, commits);
    }

    @Test
    void aWindow_countsOnlyWhatHappenedBetweenItsScrapes() {
        Map<String, EtcdDiskLatency.Histogram> before = EtcdDiskLatency.parse(metrics(100, 100, 100, 100, 0.1, 10));
        Map<String, EtcdDiskLatency.Histogram> after = EtcdDiskLatency.parse(metrics(150, 190, 197, 200, 2.1, 12));

        EtcdDiskLatency.Histogram fsync = EtcdDiskLatency.between(before, after).get(EtcdDiskLatency.WAL_FSYNC);

        assertThat(fsync.count()).isEqualTo(100);
        assertThat(fsync.meanMillis()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fsync.over(0.016)).isEqualTo(10);
        assertThat(fsync.over(0.064)).isEqualTo(3);
        assertThat(EtcdDiskLatency.between(before, after).get(EtcdDiskLatency.BACKEND_COMMIT).count()).isEqualTo(2);
    }

    @Test
    void windows_addUp() {
        Map<String, EtcdDiskLatency.Histogram> a = EtcdDiskLatency.parse(metrics(1, 2, 3, 4, 1.0, 5));
        Map<String, EtcdDiskLatency.Histogram> total = EtcdDiskLatency.add(EtcdDiskLatency.add(Map.of(), a), a);

        assertThat(total.get(EtcdDiskLatency.WAL_FSYNC).count()).isEqualTo(8);
        assertThat(total.get(EtcdDiskLatency.WAL_FSYNC).over(0.016)).isEqualTo(4);
        assertThat(total.get(EtcdDiskLatency.BACKEND_COMMIT).count()).isEqualTo(10);
    }

    @Test
    void aMissingHistogram_orBucket_isAnError_notAZero() {
        assertThatThrownBy(() -> EtcdDiskLatency.parse("etcd_mvcc_db_total_size_in_bytes 1\n"))
                .hasMessageContaining("no histogram etcd_disk_wal_fsync_duration_seconds");
        EtcdDiskLatency.Histogram fsync = EtcdDiskLatency.parse(metrics(1, 2, 3, 4, 1.0, 5)).get(EtcdDiskLatency.WAL_FSYNC);
        assertThatThrownBy(() -> fsync.over(0.032)).hasMessageContaining("no bucket le=0.032");
    }
}
