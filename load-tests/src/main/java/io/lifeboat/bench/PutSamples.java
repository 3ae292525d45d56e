package io.lifeboat.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToLongFunction;

/**
 * Every put of a {@link PutLoad} run, as the child JVM hands them to the benchmark: a versioned
 * TSV, one line per put, written once at the end. Raw puts rather than a histogram because the
 * windows (before a backup, during its stream) are only known after the backup finished.
 *
 * <pre>
 * # lifeboat put-load samples v1
 * # start-epoch-nanos 1764766800000000000 period-nanos 5000000
 * index	due_epoch_micros	send_lag_micros	latency_micros	status
 * 0	1764766800000000	12	843	ok
 * </pre>
 *
 * {@code status} is {@code ok}, {@code error} (etcd or gRPC refused the put) or {@code pending}
 * (unanswered at the end); only {@code ok} lines have a latency.
 */
final class PutSamples {

    static final String HEADER = "# lifeboat put-load samples v1";
    static final String COLUMNS = "index\tdue_epoch_micros\tsend_lag_micros\tlatency_micros\tstatus";

    enum Status { OK, ERROR, PENDING }

    /**
     * @param dueEpochMicros when the put was due (wall clock, µs since the epoch)
     * @param sendLagMicros  how late the sender actually sent it
     * @param latencyMicros  due time to answer, -1 unless {@code status} is OK
     */
    record Sample(int index, long dueEpochMicros, long sendLagMicros, long latencyMicros, Status status) {
    }

    private PutSamples() {
    }

    /**
     * @param latencyPlusOne per put: latency in ns plus one, 0 if unanswered, -1 on an error
     *                       (what {@link PutLoad} keeps)
     */
    static void write(Path file, long startEpochNanos, long periodNanos, int count, IntToLongFunction sendLagNanos,
                      IntToLongFunction latencyPlusOne) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n# start-epoch-nanos " + startEpochNanos + " period-nanos " + periodNanos + "\n");
            out.write(COLUMNS + "\n");
            for (int i = 0; i < count; i++) {
                long raw = latencyPlusOne.applyAsLong(i);
                long dueMicros = (startEpochNanos + i * periodNanos) / 1000;
                String latency = raw > 0 ? Long.toString((raw - 1) / 1000) : "";
                String status = raw > 0 ? "ok" : raw == 0 ? "pending" : "error";
                out.write(i + "\t" + dueMicros + "\t" + sendLagNanos.applyAsLong(i) / 1000 + "\t" + latency + "\t"
                        + status + "\n");
            }
        }
    }

    /** @throws IllegalArgumentException naming the file and line on anything but this format */
    static List<Sample> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 3 || !lines.get(0).equals(HEADER) || !lines.get(1).startsWith("# start-epoch-nanos ")
                || !lines.get(2).equals(COLUMNS)) {
            throw new IllegalArgumentException(file + ": not a put-load samples file (expected \"" + HEADER
                    + "\", a start line and the columns " + COLUMNS.replace('\t', ',') + ")");
        }
        List<Sample> samples = new ArrayList<>(lines.size() - 3);
        for (int n = 3; n < lines.size(); n++) {
            samples.add(parse(file, n + 1, lines.get(n)));
        }
        return samples;
    }

    private static Sample parse(Path file, int lineNumber, String line) {
        String[] cells = line.split("\t", -1);
        try {
            if (cells.length != 5) {
                throw new IllegalArgumentException("5 cells expected, found " + cells.length);
            }
            Status status = Status.valueOf(cells[4].toUpperCase(Locale.ROOT));
            long latency = status == Status.OK ? Long.parseLong(cells[3]) : -1;
            if (status != Status.OK && !cells[3].isEmpty()) {
                throw new IllegalArgumentException("a latency on a put that is " + cells[4]);
            }
            return new Sample(Integer.parseInt(cells[0]), Long.parseLong(cells[1]), Long.parseLong(cells[2]),
                    latency, status);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " line " + lineNumber + ": " + e.getMessage() + ": " + line, e);
        }
    }
}
