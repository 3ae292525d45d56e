package io.lifeboat.cli;

import io.lifeboat.restore.DownloadProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Download progress on stderr for a person at a terminal: bytes, rate and time left, redrawn
 * in place at most four times a second. Draws nothing when disabled (scripts, pipes, logs).
 */
final class ProgressMeter implements DownloadProgress {

    private static final long REDRAW_NANOS = Duration.ofMillis(250).toNanos();

    private final PrintWriter err;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private boolean drawn;

    ProgressMeter(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** {@code auto} draws only when stderr is a terminal. */
    enum Mode { auto, always, never }

    static ProgressMeter of(Cli cli, Mode mode) {
        boolean enabled = mode == Mode.always || mode == Mode.auto && cli.stderrIsTerminal();
        return new ProgressMeter(cli.err(), enabled);
    }

    @Override
    public synchronized void advanced(long bytesSoFar, long totalBytes) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDrawNanos < REDRAW_NANOS && bytesSoFar < totalBytes) {
            return;
        }
        lastDrawNanos = now;
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = bytesSoFar / seconds;
        String eta = rate > 0 ? clock((long) ((totalBytes - bytesSoFar) / rate)) : "--:--";
        err.print(String.format(Locale.ROOT, "\r%s / %s  %s/s  ETA %s   ", Sizes.binary(bytesSoFar),
                Sizes.binary(totalBytes), Sizes.binary((long) rate), eta));
        err.flush();
        drawn = true;
    }

    /** Ends the progress line, so what follows starts on a line of its own. */
    synchronized void done() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
