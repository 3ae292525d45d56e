package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingAreaTest {

    private static final Instant NOW = Instant.parse("2026-11-21T23:15:00Z");

    @Test
    void create_besideTheTarget_privateAndOnTheSameFileSystem(@TempDir Path dir) throws Exception {
        try (StagingArea staging = StagingArea.create(TargetDir.inspect(dir.resolve("etcd")), "20261121T231500Z-r5")) {
            assertThat(staging.dir().getParent()).isEqualTo(dir.toRealPath());
            assertThat(staging.dir().getFileName().toString()).startsWith(".lifeboat-staging-20261121T231500Z-r5-");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(staging.dir()))).isEqualTo("rwx------");
        }
    }

    @Test
    void promote_absentTarget_movesTheDataDirIntoPlace(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("etcd");
        try (StagingArea staging = staged(target)) {
            assertThat(staging.promote(target, false, NOW)).isEmpty();
        }
        assertThat(target.resolve("member/snap/db")).hasContent("db");
        assertThat(names(dir)).containsExactly("etcd");
    }

    @Test
    void promote_emptyTarget_isReplacedByOneRename(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectory(dir.resolve("etcd"));
        try (StagingArea staging = staged(target)) {
            staging.promote(target, false, NOW);
        }
        assertThat(target.resolve("member/snap/db")).hasContent("db");
        assertThat(names(dir)).containsExactly("etcd");
    }

    @Test
    void promote_nonEmptyTarget_refusedAndUntouched(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectory(dir.resolve("etcd"));
        Files.writeString(target.resolve("keep"), "old");
        try (StagingArea staging = staged(dir.resolve("etcd"))) {
            assertThatThrownBy(() -> staging.promote(target, false, NOW)).isInstanceOf(TargetRefusedException.class)
                    .hasMessageContaining("is not empty").hasMessageContaining("keep");
        }
        assertThat(names(target)).containsExactly("keep");
        assertThat(names(dir)).containsExactly("etcd");
    }

    @Test
    void promote_nonEmptyTargetMovedAside_keepsItUnderATimestampedName(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectory(dir.resolve("etcd"));
        Files.writeString(target.resolve("keep"), "old");
        Optional<Path> aside;
        try (StagingArea staging = staged(target)) {
            aside = staging.promote(target, true, NOW);
        }
        assertThat(aside).contains(dir.toRealPath().resolve("etcd.lifeboat-old-20261121T231500Z"));
        assertThat(aside.get().resolve("keep")).hasContent("old");
        assertThat(target.resolve("member/snap/db")).hasContent("db");
    }

    @Test
    void close_deletesEverythingStaged(@TempDir Path dir) throws Exception {
        StagingArea staging = staged(dir.resolve("etcd"));
        Files.writeString(staging.snapshotFile(), "snapshot");

        staging.close();
        staging.close();

        assertThat(names(dir)).isEmpty();
    }

    @Test
    void closeAllLive_deletesStagingDirsNotYetClosed(@TempDir Path dir) throws Exception {
        staged(dir.resolve("etcd"));

        StagingArea.closeAllLive();

        assertThat(names(dir)).isEmpty();
    }

    @Test
    void inspect_fileInsteadOfDir_refused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("etcd"), "x");

        assertThatThrownBy(() -> TargetDir.inspect(file)).isInstanceOf(TargetRefusedException.class)
                .hasMessageContaining("is not a directory");
    }

    @Test
    void inspect_absentTarget_reportsTheFileSystemOfItsNearestAncestor(@TempDir Path dir) throws Exception {
        TargetDir target = TargetDir.inspect(dir.resolve("a/b/etcd"));

        assertThat(target.exists()).isFalse();
        assertThat(target.isEmpty()).isTrue();
        assertThat(target.mountPoint()).isFalse();
        assertThat(target.filesystemType()).isEqualTo(Files.getFileStore(dir).type());
    }

    private static StagingArea staged(Path target) throws Exception {
        StagingArea staging = StagingArea.create(TargetDir.inspect(target), "20261121T231500Z-r5");
        Files.createDirectories(staging.dataDir().resolve("member/snap"));
        Files.writeString(staging.dataDir().resolve("member/snap/db"), "db");
        return staging;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
