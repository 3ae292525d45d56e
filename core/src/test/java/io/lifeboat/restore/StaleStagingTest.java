package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which staging dirs a restore removes before it stages: only those whose owner has provably exited. */
class StaleStagingTest {

    private static final long NO_SUCH_PID = (1L << 22) + 1;

    private final List<String> notices = new ArrayList<>();

    @Test
    void sweep_ownerAlive_keepsTheDirSilently(@TempDir Path base) throws Exception {
        Path dir = staging(base, "alive", StagingOwner.current());

        assertThat(StaleStaging.sweep(base, notices::add)).isEmpty();

        assertThat(dir.resolve("data/member/snap/db")).exists();
        assertThat(notices).isEmpty();
    }

    @Test
    void sweep_ownerPidGone_removesTheDirAndSaysSo(@TempDir Path base) throws Exception {
        StagingOwner dead = new StagingOwner(StagingOwner.current().bootId(), NO_SUCH_PID, 5);
        Path dir = staging(base, "dead", dead);

        assertThat(StaleStaging.sweep(base, notices::add)).containsExactly(dir);

        assertThat(dir).doesNotExist();
        assertThat(notices).singleElement().asString().contains("removed stale staging dir " + dir,
                "pid " + NO_SUCH_PID, "no process " + NO_SUCH_PID + " runs");
    }

    @Test
    void sweep_ownerPidReusedByAnotherProcess_removesTheDir(@TempDir Path base) throws Exception {
        StagingOwner me = StagingOwner.current();
        Path dir = staging(base, "reused", new StagingOwner(me.bootId(), me.pid(), me.startTicks() - 1));

        assertThat(StaleStaging.sweep(base, notices::add)).containsExactly(dir);

        assertThat(dir).doesNotExist();
        assertThat(notices).singleElement().asString().contains("now belongs to a process started later");
    }

    @Test
    void sweep_noOwnerFile_keepsTheDirAndWarnsNamingIt(@TempDir Path base) throws Exception {
        Path dir = staging(base, "older-lifeboat", null);

        assertThat(StaleStaging.sweep(base, notices::add)).isEmpty();

        assertThat(dir.resolve("data/member/snap/db")).exists();
        assertThat(notices).singleElement().asString().contains("kept " + dir, "no owner file", "delete it");
    }

    @Test
    void sweep_unreadableOwnerFile_keepsTheDir(@TempDir Path base) throws Exception {
        Path dir = staging(base, "garbled", null);
        Files.writeString(dir.resolve(StagingOwner.FILE), "garbage");

        assertThat(StaleStaging.sweep(base, notices::add)).isEmpty();

        assertThat(dir).exists();
        assertThat(notices).singleElement().asString().contains("kept " + dir);
    }

    @Test
    void sweep_otherEntries_leftAlone(@TempDir Path base) throws Exception {
        Path dataDir = Files.createDirectories(base.resolve("etcd/member"));
        Path aside = Files.createDirectories(base.resolve("etcd.lifeboat-old-20261121T231500Z"));

        assertThat(StaleStaging.sweep(base, notices::add)).isEmpty();

        assertThat(dataDir).exists();
        assertThat(aside).exists();
        assertThat(notices).isEmpty();
    }

    @Test
    void create_recordsThisProcessAsOwner(@TempDir Path base) throws Exception {
        try (StagingArea staging = StagingArea.create(TargetDir.inspect(base.resolve("etcd")), "20261121T231500Z-r5")) {
            assertThat(StagingOwner.readFrom(staging.dir())).isEqualTo(StagingOwner.current());
            assertThat(StaleStaging.sweep(base, notices::add)).isEmpty();
        }
    }

    private static Path staging(Path base, String name, StagingOwner owner) throws Exception {
        Path dir = Files.createDirectories(base.resolve(StagingArea.PREFIX + name + "/data/member/snap")).getParent()
                .getParent().getParent();
        Files.writeString(dir.resolve("data/member/snap/db"), "db");
        if (owner != null) {
            owner.writeInto(dir);
        }
        return dir;
    }
}
