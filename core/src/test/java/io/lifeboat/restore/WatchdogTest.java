package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrapper that ties a child to this JVM, with real processes. Closing the wrapper's stdin
 * is what the kernel does when the JVM dies, however it dies; the IT kills a real CLI JVM.
 */
class WatchdogTest {

    private static final long BOUND_SECONDS = 30;

    @Test
    void childExitsByItself_wrapperExitsWithItsStatusAndOutput(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        Process wrapper = start(List.of("/bin/sh", "-c", "echo from-child; exit 3"), log);

        assertThat(wrapper.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(wrapper.exitValue()).isEqualTo(3);
        assertThat(Files.readString(log)).isEqualTo("from-child\n");
    }

    @Test
    void jvmSideOfThePipeCloses_childIsStopped(@TempDir Path dir) throws Exception {
        Process wrapper = start(List.of("sleep", "600"), dir.resolve("log"));
        ProcessHandle child = childOf(wrapper);

        wrapper.getOutputStream().close();

        child.onExit().get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(wrapper.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(wrapper.exitValue()).isEqualTo(128 + 15);
    }

    @Test
    void wrapperKilled_childStillStoppedWhenTheJvmsPipeCloses(@TempDir Path dir) throws Exception {
        Process wrapper = start(List.of("sleep", "600"), dir.resolve("log"));
        ProcessHandle child = childOf(wrapper);

        ProcessHandle.of(wrapper.pid()).orElseThrow().destroyForcibly();
        assertThat(wrapper.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(child.isAlive()).as("only the JVM's pipe decides").isTrue();
        wrapper.getOutputStream().close();

        child.onExit().get(BOUND_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void destroy_stopsTheChildItselfNotOnlyTheWrapper(@TempDir Path dir) throws Exception {
        Process wrapper = start(List.of("sleep", "600"), dir.resolve("log"));
        ProcessHandle child = childOf(wrapper);

        wrapper.destroy();

        child.onExit().get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(wrapper.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    private static Process start(List<String> command, Path log) throws Exception {
        return new ProcessBuilder(Watchdog.wrap(command)).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
    }

    /** The wrapped command: the wrapper's child that is not the watching subshell (also /bin/sh). */
    private static ProcessHandle childOf(Process wrapper) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (System.nanoTime() < deadline) {
            for (ProcessHandle h : wrapper.children().toList()) {
                if (h.info().command().map(c -> c.endsWith("/sleep")).orElse(false)) {
                    return h;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the wrapped command did not start within " + BOUND_SECONDS + " s");
    }
}
