package io.lifeboat.restore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Staging dirs left behind by restores that were killed (SIGKILL, OOM killer, power cut) and
 * so ran no cleanup. Each restore sweeps its base dir before it stages: a dir goes only when
 * its {@link StagingOwner} has provably exited. A dir whose owner may still run is another
 * restore at work; one with no readable owner file may come from an older lifeboat that wrote
 * none, or be a moment old: both are kept, with a notice naming them.
 */
final class StaleStaging {

    private StaleStaging() {
    }

    /**
     * Removes the stale staging dirs in {@code base}, telling {@code notices} one line per dir
     * removed or kept for want of an owner. Never fails: what it cannot do it reports.
     *
     * @return the dirs removed
     */
    static List<Path> sweep(Path base, Consumer<String> notices) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return removed;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, StagingArea.PREFIX + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir) && removeIfStale(dir, notices)) {
                    removed.add(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            notices.accept("cannot look for stale staging dirs in " + base + ": " + e.getMessage());
        }
        return removed;
    }

    private static boolean removeIfStale(Path dir, Consumer<String> notices) {
        StagingOwner owner;
        try {
            owner = StagingOwner.readFrom(dir);
        } catch (IOException e) {
            notices.accept("kept " + dir + ": it records no owner that can be checked (" + e.getMessage()
                    + "); if no restore is running there, delete it");
            return false;
        }
        Optional<String> gone = owner.goneBecause();
        if (gone.isEmpty()) {
            return false;
        }
        try {
            StagingArea.deleteRecursively(dir);
        } catch (IOException e) {
            notices.accept("cannot remove stale staging dir " + dir + " (its restore, pid " + owner.pid()
                    + ", has exited): " + e);
            return false;
        }
        notices.accept("removed stale staging dir " + dir + ", left by a killed restore (pid " + owner.pid() + ": "
                + gone.get() + ")");
        return true;
    }
}
