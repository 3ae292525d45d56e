package io.lifeboat.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes of this machine as /proc shows them, found by their command lines: how a test
 * sees processes that are no children of its own (those of a CLI JVM it started, once that
 * JVM is killed). Zombies have an empty command line, so they never match.
 */
final class ProcessTable {

    /** A running process and its arguments ({@code args.get(0)} is the program). */
    record Entry(long pid, List<String> args) {

        boolean isProgram(String name) {
            return !args.isEmpty() && Path.of(args.get(0)).getFileName().toString().equals(name);
        }
    }

    private ProcessTable() {
    }

    /** Every process with an argument that starts with {@code prefix}. */
    static List<Entry> withArgumentStartingWith(String prefix) {
        List<Entry> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                List<String> args = cmdline(p);
                if (args.stream().anyMatch(a -> a.startsWith(prefix))) {
                    found.add(new Entry(Long.parseLong(name), args));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc", e);
        }
        return found;
    }

    private static List<String> cmdline(Path procDir) {
        try {
            String raw = new String(Files.readAllBytes(procDir.resolve("cmdline")), StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : Arrays.asList(raw.split("\0"));
        } catch (IOException gone) {
            return List.of();
        }
    }

    /** Sends {@code signal} (e.g. STOP, KILL) with kill(1): Java can send only TERM and KILL. */
    static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " " + pid + " failed");
        }
    }
}
