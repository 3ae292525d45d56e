package io.lifeboat.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP sockets a process listens on, read from Linux's /proc (local address in hex). */
final class ListeningSockets {

    static final Set<String> LOOPBACK = Set.of(
            "0100007F",                               // 127.0.0.1
            "0000000000000000FFFF00000100007F",       // ::ffff:127.0.0.1
            "00000000000000000000000001000000");      // ::1

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Hex local addresses ("0100007F:1F90") of the sockets {@code pid} listens on. */
    static List<String> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // fds come and go while we read them; only long-lived listeners matter.
                }
            }
        }
        List<String> listening = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && LISTEN.equals(fields[3]) && inodes.contains(fields[9])) {
                    listening.add(fields[1]);
                }
            }
        }
        return listening;
    }

    static boolean isLoopback(String hexAddress) {
        return LOOPBACK.contains(hexAddress.substring(0, hexAddress.indexOf(':')));
    }
}
