package io.lifeboat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * etcd's own disk-latency histograms, from its {@code /metrics}: the WAL's fdatasync and the
 * backend's (bbolt) commit. The put-latency benchmark scrapes them at each window's edges, so a
 * slow put can be told apart: a put waits on these or on the CPU, and these say which.
 */
final class EtcdDiskLatency {

    static final String WAL_FSYNC = "etcd_disk_wal_fsync_duration_seconds";
    static final String BACKEND_COMMIT = "etcd_disk_backend_commit_duration_seconds";
    static final List<String> NAMES = List.of(WAL_FSYNC, BACKEND_COMMIT);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EtcdDiskLatency() {
    }

    /**
     * One histogram: how many, their total seconds, and the cumulative count at each bucket's
     * upper bound ({@code le}, seconds; +Inf left out since it is {@code count}).
     */
    record Histogram(long count, double sumSeconds, Map<Double, Long> cumulative) {

        static final Histogram EMPTY = new Histogram(0, 0, Map.of());

        /** What happened between {@code earlier} and this scrape. */
        Histogram minus(Histogram earlier) {
            Map<Double, Long> delta = new TreeMap<>();
            cumulative.forEach((le, n) -> delta.put(le, n - earlier.cumulative.getOrDefault(le, 0L)));
            return new Histogram(count - earlier.count, sumSeconds - earlier.sumSeconds, delta);
        }

        Histogram plus(Histogram other) {
            Map<Double, Long> sum = new TreeMap<>(cumulative);
            other.cumulative.forEach((le, n) -> sum.merge(le, n, Long::sum));
            return new Histogram(count + other.count, sumSeconds + other.sumSeconds, sum);
        }

        /** How many took longer than {@code seconds}, which must be one of the bucket bounds. */
        long over(double seconds) {
            Long within = cumulative.get(seconds);
            if (within == null) {
                throw new IllegalArgumentException("no bucket le=" + seconds + " (have " + cumulative.keySet() + ")");
            }
            return count - within;
        }

        double meanMillis() {
            return count == 0 ? 0 : sumSeconds * 1000 / count;
        }
    }

    /** The histograms of {@link #NAMES} in one {@code /metrics} text (Prometheus text format). */
    static Map<String, Histogram> parse(String metrics) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Double> sums = new LinkedHashMap<>();
        Map<String, Map<Double, Long>> buckets = new LinkedHashMap<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            String value = line.substring(space + 1).strip();
            for (String name : NAMES) {
                if (series.equals(name + "_count")) {
                    counts.put(name, (long) Double.parseDouble(value));
                } else if (series.equals(name + "_sum")) {
                    sums.put(name, Double.parseDouble(value));
                } else if (series.startsWith(name + "_bucket{")) {
                    int from = series.indexOf("le=\"") + 4;
                    String le = series.substring(from, series.indexOf('"', from));
                    if (!le.equals("+Inf")) {
                        buckets.computeIfAbsent(name, n -> new TreeMap<>())
                                .put(Double.parseDouble(le), (long) Double.parseDouble(value));
                    }
                }
            }
        }
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (String name : NAMES) {
            if (!counts.containsKey(name) || !sums.containsKey(name) || !buckets.containsKey(name)) {
                throw new IllegalArgumentException("etcd's /metrics has no histogram " + name);
            }
            histograms.put(name, new Histogram(counts.get(name), sums.get(name), buckets.get(name)));
        }
        return histograms;
    }

    /** Scrapes etcd's {@code /metrics} on its client URL (127.0.0.1 in the benchmark). */
    static Map<String, Histogram> scrape(String clientUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(clientUrl + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("etcd /metrics answered " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("could not read etcd's /metrics at " + clientUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading etcd's /metrics", e);
        }
    }

    /** The sum, per histogram, of what happened in several windows. */
    static Map<String, Histogram> add(Map<String, Histogram> total, Map<String, Histogram> window) {
        Map<String, Histogram> sum = new LinkedHashMap<>();
        for (String name : NAMES) {
            sum.put(name, total.getOrDefault(name, Histogram.EMPTY).plus(window.get(name)));
        }
        return sum;
    }

    /** {@code after} minus {@code before}, per histogram. */
    static Map<String, Histogram> between(Map<String, Histogram> before, Map<String, Histogram> after) {
        Map<String, Histogram> delta = new LinkedHashMap<>();
        for (String name : NAMES) {
            delta.put(name, after.get(name).minus(before.get(name)));
        }
        return delta;
    }
}
