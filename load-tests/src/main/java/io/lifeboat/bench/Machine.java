package io.lifeboat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the figures were measured on: read from /proc and the tools themselves (Linux only). */
final class Machine {

    private Machine() {
    }

    /** The 1-minute load average, NaN if /proc/loadavg cannot be read. */
    static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Markdown bullet lines describing the machine, tools and the disk under {@code workDir}. */
    static List<String> describe(Path workDir) {
        List<String> lines = new ArrayList<>();
        lines.add("CPU: " + Runtime.getRuntime().availableProcessors() + " cores (`nproc`: "
                + command(workDir, "nproc").strip() + "), " + cpuModel());
        lines.add("Memory (`free -h`):\n\n```\n" + command(workDir, "free", "-h").stripTrailing() + "\n```\n");
        lines.add("Kernel: " + command(workDir, "uname", "-sr").strip());
        lines.add("Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        lines.add("etcd: " + firstLine(command(workDir, "etcd", "--version")) + "; etcdctl: "
                + firstLine(command(workDir, "etcdctl", "version")));
        lines.add("Work dir (etcd data, S3Mock store, etcdctl's file): " + workDir + " on `"
                + lastLine(command(workDir, "df", "-hT", workDir.toString())).replaceAll("\\s+", " ") + "`");
        return lines;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String command(Path dir, String... command) {
        try {
            MeasuredProcess.Result result = MeasuredProcess.run("machine-" + command[0], List.of(command),
                    Map.of("ETCDCTL_API", "3"), dir, Duration.ofSeconds(20));
            String text = result.stdoutText();
            Files.deleteIfExists(result.stdout());
            Files.deleteIfExists(result.stderr());
            return text;
        } catch (IOException e) {
            return "(" + command[0] + ": " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("?").strip();
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "?" : lines.get(lines.size() - 1).strip();
    }
}
