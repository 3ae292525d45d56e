package io.lifeboat.bbolt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class BboltFileTest {

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @FieldSource("io.lifeboat.bbolt.GoldenSnapshot#NAMES")
  void status_snapshotFile_equalsEtcdctlSnapshotStatus(String name) throws IOException {
    GoldenSnapshot golden = GoldenSnapshot.load(name);

    SnapshotStatus status = BboltFile.status(golden.writeTo(dir));

    assertThat(status).isEqualTo(golden.status());
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("io.lifeboat.bbolt.GoldenSnapshot#NAMES")
  void status_smallMappingWindows_equalsEtcdctlSnapshotStatus(String name) throws IOException {
    GoldenSnapshot golden = GoldenSnapshot.load(name);

    // 3 pages a window: overflow pages (8 KiB .. 300 KiB values) cross window boundaries.
    SnapshotStatus status = BboltFile.status(golden.writeTo(dir), 3 * 4096);

    assertThat(status).isEqualTo(golden.status());
  }

  @Test
  void status_afterDeletes_countsOnlyLiveKeysForV36() throws IOException {
    GoldenSnapshot golden = GoldenSnapshot.load("deleted");

    SnapshotStatus status = BboltFile.status(golden.writeTo(dir));

    assertThat(status.totalKeysV36()).isEqualTo(golden.liveKeys()).isEqualTo(10026);
    assertThat(status.totalKeys()).isEqualTo(50084);
  }

  @Test
  void status_fileWithoutSha256Trailer_equalsEtcdctlSnapshotStatus() throws IOException {
    GoldenSnapshot golden = GoldenSnapshot.load("compacted");

    SnapshotStatus status = BboltFile.status(Files.write(dir.resolve("db"), golden.db()));

    assertThat(status).isEqualTo(golden.status());
  }

  @Test
  void status_agreesWithStreamIndexer() throws IOException {
    GoldenSnapshot golden = GoldenSnapshot.load("large");

    assertThat(BboltFile.status(golden.writeTo(dir)).stats())
        .isEqualTo(BboltStreamIndexerTest.index(golden.db(), 32 * 1024));
  }

  @Test
  void status_meta0Zeroed_fallsBackToMeta1() throws IOException {
    GoldenSnapshot golden = GoldenSnapshot.load("deleted");
    byte[] file = golden.file();
    Arrays.fill(file, 0, 4096, (byte) 0);

    assertThat(BboltFile.status(Files.write(dir.resolve("db"), file))).isEqualTo(golden.status());
  }

  @Test
  void status_bothMetasZeroed_throwsWithPath() throws IOException {
    byte[] file = GoldenSnapshot.load("small").file();
    Arrays.fill(file, 0, 8192, (byte) 0);
    Path path = Files.write(dir.resolve("zeroed.db"), file);

    assertThatThrownBy(() -> BboltFile.status(path))
        .isInstanceOf(BboltFormatException.class)
        .hasMessageStartingWith(path + ": no valid bbolt meta page")
        .hasMessageContaining("bad magic 0x00000000");
  }

  @Test
  void status_truncatedFile_throwsWithSizes() throws IOException {
    byte[] file = GoldenSnapshot.load("large").file();
    Path path = Files.write(dir.resolve("cut.db"), Arrays.copyOf(file, 1_000_000));

    assertThatThrownBy(() -> BboltFile.status(path))
        .isInstanceOf(BboltFormatException.class)
        .hasMessageContaining("file truncated: it has 1000000 bytes")
        .hasMessageContaining("(3145728 bytes)");
  }

  @Test
  void status_emptyFile_throws() throws IOException {
    Path path = Files.write(dir.resolve("empty.db"), new byte[0]);

    assertThatThrownBy(() -> BboltFile.status(path))
        .isInstanceOf(BboltFormatException.class)
        .hasMessageContaining("ends after 0 bytes");
  }

  @Test
  void status_keyBucketLeafZeroed_throwsNamingThePage() throws IOException {
    byte[] file = GoldenSnapshot.load("large").file();
    long leaf = Corruption.lastLeafOfKeyBucket(file);
    Arrays.fill(file, (int) leaf * 4096, (int) leaf * 4096 + 4096, (byte) 0);
    Path path = Files.write(dir.resolve("leaf.db"), file);

    assertThatThrownBy(() -> BboltFile.status(path))
        .isInstanceOf(BboltFormatException.class)
        .hasMessageContaining("page " + leaf + " (referenced by page")
        .hasMessageContaining("does not start with its own page id (it says 0)");
  }
}
