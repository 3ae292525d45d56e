package io.lifeboat.bench;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.testing.FillResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** The put-latency benchmark's figures as markdown, and the summaries the chart is drawn from. */
record PutLatencyReport(String markdown, List<LatencySummary> summaries) {

    static PutLatencyReport of(PutLatencyOptions options, Instant started, Duration took, String loadBefore,
                               String loadAfter, List<String> machine, FillResult fill, int puts,
                               List<LatencySummary> summaries, List<BenchEnvironment.OnceBackup> backups,
                               Map<String, Long> podShares, Map<String, EtcdDiskLatency.Histogram> quietDisk,
                               Map<String, EtcdDiskLatency.Histogram> backupDisk) {
        StringBuilder out = new StringBuilder();
        out.append("## Put latency run of ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(" (")
                .append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s)\n\n");
        out.append("etcd filled with ").append(options.values()).append(" values to ")
                .append(Report.mib(fill.dbSizeBytes())).append(" MiB (target ")
                .append(BenchmarkOptions.formatSize(options.dbSizeBytes())).append("). Load: ")
                .append(options.ratePerSecond()).append(" puts/s of ").append(options.valueBytes())
                .append(" B from a separate JVM, open loop, latency from each put's due time; ").append(puts)
                .append(" puts in all. ").append(options.backups()).append(" x `lifeboat --once` with -Xmx")
                .append(options.heap()).append(options.nice() == 0 ? "" : " under `nice -n " + options.nice() + "`")
                .append(podShares.isEmpty() ? "" : ", etcd, put load and backup in pod cpu cgroups (CPU requests "
                        + options.podCpu() + " millicores, cpu.shares " + podShares + ")")
                .append(options.bucketDir() == null ? "" : ", S3Mock's bucket under " + options.bucketDir())
                .append(options.workDir() == null ? "" : ", work dir (etcd's data) under " + options.workDir())
                .append(", each after ").append(options.quiet().toSeconds())
                .append(" s without a backup; warm-up ").append(options.warmup().toSeconds()).append(" s, settle ")
                .append(options.settle().toSeconds()).append(" s. Load average (1/5/15 min) at start ")
                .append(loadBefore).append(", at end ").append(loadAfter).append(".\n\n");
        machine.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append("\n| window | seconds | puts | failed | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms "
                + "| sender late by, max ms |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LatencySummary s : summaries) {
            out.append("| ").append(s.window()).append(" | ").append(Report.num(s.seconds(), 1)).append(" | ")
                    .append(s.puts()).append(" | ").append(s.failed());
            for (double value : s.percentiles()) {
                out.append(" | ").append(Report.num(value, 2));
            }
            out.append(" | ").append(Report.num(s.maxSendLagMs(), 2)).append(" |\n");
        }
        LatencySummary without = summaries.get(0);
        LatencySummary reference = null;
        for (LatencySummary during : summaries.subList(1, summaries.size())) {
            double ratio = during.p99Ms() / without.p99Ms();
            if (during.window().equals(PutLatencyBenchmark.ETCDCTL)) {
                reference = during;
                out.append(String.format(Locale.ROOT, "%np99 %s / p99 %s: %.2fx (the reference: etcd's own "
                        + "snapshot stream, read by etcd's tool)%n", during.window(), without.window(), ratio));
            } else {
                out.append(String.format(Locale.ROOT, "%np99 %s / p99 %s: **%.2fx** (target <= %.2fx: %s)%n",
                        during.window(), without.window(), ratio, PutLatencyBenchmark.TARGET_P99_RATIO,
                        ratio <= PutLatencyBenchmark.TARGET_P99_RATIO ? "met" : "not met"));
            }
        }
        if (reference != null) {
            out.append(String.format(Locale.ROOT, "%np99 %s / p99 %s: %.2fx%n", summaries.get(1).window(),
                    reference.window(), summaries.get(1).p99Ms() / reference.p99Ms()));
        }
        out.append("\netcd's own disk latency (its /metrics, scraped at the windows' edges; the backup window is the"
                + " whole --once process):\n\n| window | histogram | count | mean ms | > 16 ms | > 64 ms |\n"
                + "|---|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, EtcdDiskLatency.Histogram>> window : List.of(
                Map.entry(PutLatencyBenchmark.WITHOUT, quietDisk), Map.entry(PutLatencyBenchmark.PROCESS, backupDisk))) {
            window.getValue().forEach((name, h) -> out.append("| ").append(window.getKey()).append(" | ")
                    .append(name.substring("etcd_disk_".length())).append(" | ").append(h.count()).append(" | ")
                    .append(Report.num(h.meanMillis(), 2)).append(" | ").append(h.over(0.016)).append(" | ")
                    .append(h.over(0.064)).append(" |\n"));
        }
        out.append("\n| backup | wall s | start-up s | stream s | db MiB | object MiB | peak RSS MiB | CPU s |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < backups.size(); i++) {
            BenchEnvironment.OnceBackup backup = backups.get(i);
            Manifest manifest = backup.manifest();
            double wall = EtcdctlSave.seconds(backup.process().wall());
            double startup = EtcdctlSave.seconds(Duration.between(backup.process().startedAt(),
                    manifest.timings().startedAt()));
            out.append("| ").append(i + 1).append(" | ").append(Report.num(wall, 1)).append(" | ")
                    .append(Report.num(startup, 1)).append(" | ")
                    .append(Report.num(manifest.timings().durationMillis() / 1000.0, 1)).append(" | ")
                    .append(Report.mib(manifest.dbSizeBytes())).append(" | ")
                    .append(Report.mib(manifest.object().sizeBytes())).append(" | ")
                    .append(Report.mib(backup.process().peakRssBytes())).append(" | ")
                    .append(Report.num(backup.process().cpuSeconds(), 1)).append(" |\n");
        }
        return new PutLatencyReport(out.toString(), summaries);
    }
}
