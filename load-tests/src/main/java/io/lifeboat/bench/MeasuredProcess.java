package io.lifeboat.bench;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command to completion while sampling its memory and CPU from /proc (Linux only).
 *
 * <p>Peak RSS is the kernel's own high-water mark, {@code VmHWM} in /proc/PID/status, read every
 * {@value #SAMPLE_MILLIS} ms: the kernel keeps the peak, so sampling can only miss growth in
 * the last interval before exit. CPU time is utime + stime from /proc/PID/stat at the last sample;
 * that of the process's own children (cutime + cstime: children it has waited for, such as the
 * etcdctl a restore runs) is kept apart.
 */
final class MeasuredProcess {

    private static final long SAMPLE_MILLIS = 20;
    /** USER_HZ: 100 on every Linux architecture Java runs on here. */
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;
    /** Children alive right now: the shutdown hook destroys them on Ctrl-C. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    /**
     * @param exitCode   the process's exit code, or -1 if it was killed at the timeout
     * @param wall       start to exit, as the caller sees it (includes JVM or tool start-up)
     * @param peakRssBytes VmHWM at the last sample
     * @param cpuSeconds user + system CPU of the process at the last sample
     * @param boxBusy    share of the whole machine's CPU time that was busy during the run (0..1)
     * @param stdout     the process's stdout, captured to a file
     * @param stderr     the process's stderr, captured to a file
     * @param startedAt  wall-clock time of the spawn, to line up with times the process reports
     * @param cpuTimeline the CPU samples: milliseconds since the spawn, then CPU ticks, per sample
     * @param childrenCpuSeconds user + system CPU of the process's children that ended and were
     *                   waited for before the last sample (not in {@code cpuSeconds})
     */
    record Result(int exitCode, Duration wall, long peakRssBytes, double cpuSeconds, double boxBusy,
                  Path stdout, Path stderr, Instant startedAt, List<long[]> cpuTimeline,
                  double childrenCpuSeconds) {

        /** CPU seconds the process used between two wall-clock instants, to the sampling interval. */
        double cpuSecondsBetween(Instant from, Instant to) {
            long fromMillis = Duration.between(startedAt, from).toMillis();
            long toMillis = Duration.between(startedAt, to).toMillis();
            return (ticksAt(toMillis) - ticksAt(fromMillis)) / CLOCK_TICKS_PER_SECOND;
        }

        private long ticksAt(long millis) {
            long ticks = 0;
            for (long[] sample : cpuTimeline) {
                if (sample[0] > millis) {
                    break;
                }
                ticks = sample[1];
            }
            return ticks;
        }

        String stdoutText() {
            return read(stdout);
        }

        String stderrText() {
            return read(stderr);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(cannot read " + file + ": " + e.getMessage() + ")";
            }
        }
    }

    private MeasuredProcess() {
    }

    /**
     * Runs {@code command} in {@code dir} with only PATH, HOME, the locale and {@code environment}
     * (a developer's JAVA_TOOL_OPTIONS or LIFEBOAT_* must not change what is measured); output goes
     * to {@code <name>.out} and {@code <name>.err} in {@code dir}.
     */
    static Result run(String name, List<String> command, Map<String, String> environment, Path dir,
                      Duration timeout) throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        Map<String, String> kept = new HashMap<>();
        for (String key : List.of("PATH", "HOME", "LANG", "LC_ALL")) {
            String value = System.getenv(key);
            if (value != null) {
                kept.put(key, value);
            }
        }
        env.clear();
        env.putAll(kept);
        env.putAll(environment);

        CpuTicks boxBefore = CpuTicks.ofMachine();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        Process process = builder.start();
        List<long[]> timeline = new ArrayList<>();
        LIVE.add(process);
        long peakRss = 0;
        long cpuTicks = 0;
        long childrenCpuTicks = 0;
        boolean timedOut = false;
        try {
            long deadline = started + timeout.toNanos();
            while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
                peakRss = Math.max(peakRss, highWaterMarkBytes(process.pid()));
                cpuTicks = Math.max(cpuTicks, cpuTicks(process.pid()));
                childrenCpuTicks = Math.max(childrenCpuTicks, childrenCpuTicks(process.pid()));
                timeline.add(new long[] {(System.nanoTime() - started) / 1_000_000, cpuTicks});
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    process.destroyForcibly().waitFor();
                    break;
                }
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
            LIVE.remove(process);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        return new Result(timedOut ? -1 : process.exitValue(), wall, peakRss, cpuTicks / CLOCK_TICKS_PER_SECOND,
                CpuTicks.ofMachine().busySince(boxBefore), out, err, startedAt, timeline,
                childrenCpuTicks / CLOCK_TICKS_PER_SECOND);
    }

    /** Destroys every child still running (the benchmark's shutdown hook). */
    static void destroyAll() {
        LIVE.forEach(Process::destroyForcibly);
    }

    private static long highWaterMarkBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    // "VmHWM:    123456 kB"
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Exited between waitFor and the read: the previous sample stands.
        }
        return 0;
    }

    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after "(comm)", which may contain spaces: state is field 3, utime 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** cutime + cstime of /proc/PID/stat: fields 16 and 17, CPU of the children the process waited for. */
    private static long childrenCpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The machine's CPU time from /proc/stat's first line: all cores, busy and idle. */
    private record CpuTicks(long busy, long total) {

        static CpuTicks ofMachine() {
            try {
                String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                long idle = 0;
                for (int i = 1; i < fields.length && i <= 8; i++) {
                    long ticks = Long.parseLong(fields[i]);
                    total += ticks;
                    if (i == 4 || i == 5) {
                        idle += ticks; // idle, iowait
                    }
                }
                return new CpuTicks(total - idle, total);
            } catch (IOException | RuntimeException e) {
                return new CpuTicks(0, 0);
            }
        }

        double busySince(CpuTicks before) {
            long total = this.total - before.total;
            return total <= 0 ? Double.NaN : (double) (busy - before.busy) / total;
        }
    }
}
