package io.lifeboat.restore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The process that created a staging dir, recorded in it (file {@value #FILE}) so that a later
 * restore can tell, beyond doubt, that its creator is gone and the dir is garbage: a restore
 * killed with SIGKILL runs no cleanup and leaves a staging dir as large as the db twice over.
 *
 * <p>A pid alone is not an identity: pids are reused (pid_max is often 32768). The process's
 * start time ({@code /proc/<pid>/stat} field 22, clock ticks since boot) and the boot id
 * ({@code /proc/sys/kernel/random/boot_id}) make it one: the same pid with another start time,
 * or any pid from another boot, is another process. See proc(5).
 *
 * <p>File format, version 1, one {@code key value} per line, all keys required:
 * <pre>
 * lifeboat-staging-owner 1
 * boot-id 0f3c...
 * pid 4242
 * start-ticks 987654
 * </pre>
 *
 * @param bootId the kernel's boot id when the owner ran
 * @param pid the owner's pid
 * @param startTicks the owner's start time in clock ticks since that boot
 */
record StagingOwner(String bootId, long pid, long startTicks) {

    static final String FILE = "owner";
    private static final String VERSION_KEY = "lifeboat-staging-owner";
    private static final String VERSION = "1";
    private static final Path PROC = Path.of("/proc");

    /** This JVM. */
    static StagingOwner current() throws IOException {
        long pid = ProcessHandle.current().pid();
        return new StagingOwner(currentBootId(), pid, startTicksOf(pid).orElseThrow(
                () -> new IOException("cannot read this process's start time from /proc/" + pid + "/stat")));
    }

    void writeInto(Path stagingDir) throws IOException {
        Files.writeString(stagingDir.resolve(FILE), VERSION_KEY + " " + VERSION + "\nboot-id " + bootId + "\npid "
                + pid + "\nstart-ticks " + startTicks + "\n", StandardCharsets.US_ASCII);
    }

    /**
     * The owner recorded in {@code stagingDir}.
     *
     * @throws IOException if the file is missing, unreadable or not version 1 in every detail
     */
    static StagingOwner readFrom(Path stagingDir) throws IOException {
        Path file = stagingDir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no owner file");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] kv = line.split(" ", -1);
            if (kv.length != 2 || kv[1].isEmpty() || fields.put(kv[0], kv[1]) != null) {
                throw new IOException(file + " has a malformed line: " + line);
            }
        }
        if (!fields.keySet().equals(Set.of(VERSION_KEY, "boot-id", "pid", "start-ticks"))
                || !VERSION.equals(fields.get(VERSION_KEY))) {
            throw new IOException(file + " is not a version " + VERSION + " owner file");
        }
        try {
            return new StagingOwner(fields.get("boot-id"), Long.parseLong(fields.get("pid")),
                    Long.parseLong(fields.get("start-ticks")));
        } catch (NumberFormatException e) {
            throw new IOException(file + " has a pid or start time that is not a number", e);
        }
    }

    /**
     * Why this owner has certainly exited, or empty if it may still run (it does, or /proc
     * cannot say).
     */
    Optional<String> goneBecause() {
        try {
            if (!bootId.equals(currentBootId())) {
                return Optional.of("it ran before the last reboot");
            }
            Optional<Long> now = startTicksOf(pid);
            if (now.isEmpty()) {
                return Optional.of("no process " + pid + " runs");
            }
            if (now.get() != startTicks) {
                return Optional.of("pid " + pid + " now belongs to a process started later");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String currentBootId() throws IOException {
        return Files.readString(PROC.resolve("sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).strip();
    }

    /** Field 22 of /proc/pid/stat; empty if there is no such process. */
    static Optional<Long> startTicksOf(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(parseStartTicks(stat, pid));
    }

    static long parseStartTicks(String stat, long pid) throws IOException {
        // Field 2, the command name, is in parentheses and may itself hold spaces and ')'.
        try {
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(after[22 - 3]);
        } catch (RuntimeException e) {
            throw new IOException("cannot parse /proc/" + pid + "/stat", e);
        }
    }
}
