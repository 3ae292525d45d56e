package io.lifeboat.restore;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a long-lived child (the start check's etcd) so that it dies with this JVM, even when
 * the JVM is killed with SIGKILL and no shutdown hook runs.
 *
 * <p>How: the command runs under a small {@code /bin/sh} wrapper whose stdin is a pipe from
 * this JVM ({@link ProcessBuilder}'s default). Only this JVM holds the pipe's write end (Java
 * closes all other descriptors in every child it spawns), so the wrapper reads end-of-file
 * exactly when the JVM is gone, however it went: exit, crash, SIGKILL, OOM killer. The
 * wrapper then sends the child SIGTERM, and SIGKILL if it is still there after
 * {@value #KILL_AFTER_TENTHS} tenths of a second. {@link Process#destroy()} also closes that
 * pipe and sends the wrapper SIGTERM, which it forwards to the child, so the normal stop
 * path stops the child itself, not only the wrapper. The wrapper exits with the child's exit
 * status, so callers read exit codes and logs as if they had started the child directly.
 *
 * <p>Why not the alternatives: Java cannot set {@code PR_SET_PDEATHSIG}; {@code setpriv
 * --pdeathsig} can, but Linux sends that signal when the parent <em>thread</em> that spawned
 * the child exits (prctl(2)), so a child started from a pool thread would be killed when that
 * thread is retired, while the JVM lives on; it also needs util-linux. Polling the JVM's pid
 * ({@code kill -0}) works but can be fooled by pid reuse (pid_max is often 32768) and reacts
 * only at the next poll; the pipe's end-of-file needs no pid and no polling.
 *
 * <p>The child is signalled by pid. While its parent, the wrapper, has not reaped it the pid
 * stays its own (a zombie keeps it); the wrapper reaps it and then ends the watcher at once.
 * Only if the wrapper itself was SIGKILLed does the watcher signal a pid that init may have
 * reaped, for at most the grace above; Linux hands out pids in increasing order, so another
 * process would get that pid only after the whole pid space wrapped around in that time.
 */
final class Watchdog {

    /** How long the child gets to exit on SIGTERM once the JVM is gone, in tenths of a second. */
    static final int KILL_AFTER_TENTHS = 50;

    /** {@code $0} of the wrapper: what {@code ps} shows in front of the child's command. */
    static final String NAME = "lifeboat-watchdog";

    // fd 3 keeps the JVM's pipe for the watching subshell: an asynchronous list's stdin is
    // /dev/null in a non-interactive shell, and the child must not hold the pipe at all.
    private static final String SCRIPT = String.join("\n",
            "exec 3<&0",
            "\"$@\" </dev/null 3<&- &",
            "child=$!",
            "(",
            "  read -r _ <&3",
            "  kill -TERM \"$child\" 2>/dev/null",
            "  n=0",
            "  while kill -0 \"$child\" 2>/dev/null; do",
            "    n=$((n + 1))",
            "    if [ \"$n\" -ge " + KILL_AFTER_TENTHS + " ]; then kill -KILL \"$child\" 2>/dev/null; break; fi",
            "    sleep 0.1",
            "  done",
            ") </dev/null 3<&3 &",
            "watcher=$!",
            "exec 3<&-",
            "trap 'kill -TERM \"$child\" 2>/dev/null' TERM INT HUP",
            // A trapped signal makes wait return early (status > 128): wait again until the child is reaped.
            "while :; do",
            "  wait \"$child\"",
            "  status=$?",
            "  kill -0 \"$child\" 2>/dev/null || break",
            "done",
            "kill \"$watcher\" 2>/dev/null",
            "exit \"$status\"");

    private Watchdog() {
    }

    /** {@code command}, run under the wrapper; start it with stdin left as a pipe. */
    static List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, NAME));
        wrapped.addAll(command);
        return wrapped;
    }
}
