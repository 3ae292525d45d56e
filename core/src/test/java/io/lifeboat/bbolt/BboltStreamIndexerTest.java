package io.lifeboat.bbolt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BboltStreamIndexerTest {

  static Stream<Arguments> snapshotsAndChunkSizes() {
    return GoldenSnapshot.NAMES.stream().flatMap(name -> Stream.of(4096, 32 * 1024, 7919, 1 << 20)
        .map(size -> Arguments.of(name, size)));
  }

  @ParameterizedTest(name = "{0} in chunks of {1} bytes")
  @MethodSource("snapshotsAndChunkSizes")
  void finish_snapshotInChunks_reportsEtcdctlStatus(String name, int chunkSize) {
    GoldenSnapshot golden = GoldenSnapshot.load(name);

    assertThat(index(golden.db(), chunkSize)).isEqualTo(golden.stats());
  }

  @Test
  void finish_smallSnapshotOneByteAtATime_reportsEtcdctlStatus() {
    GoldenSnapshot golden = GoldenSnapshot.load("small");

    assertThat(index(golden.db(), 1)).isEqualTo(golden.stats());
  }

  @Test
  void finish_largeSnapshotInUnevenChunks_reportsEtcdctlStatus() {
    GoldenSnapshot golden = GoldenSnapshot.load("large");
    byte[] db = golden.db();
    BboltStreamIndexer indexer = new BboltStreamIndexer();
    int[] sizes = {1, 15, 17, 4095, 4097, 100_000, 3, 8192, 65_537};
    for (int at = 0, i = 0; at < db.length; i++) {
      int n = Math.min(sizes[i % sizes.length], db.length - at);
      indexer.accept(ByteBuffer.wrap(db, at, n));
      at += n;
    }

    assertThat(indexer.finish()).isEqualTo(golden.stats());
  }

  @Test
  void finish_afterCompaction_reportsEtcdctlRevision() {
    GoldenSnapshot golden = GoldenSnapshot.load("compacted");

    SnapshotStats stats = index(golden.db(), 32 * 1024);

    assertThat(stats.revision()).isEqualTo(golden.status().revision()).isEqualTo(197);
    assertThat(stats.totalKeys()).isEqualTo(golden.status().totalKeys());
  }

  @Test
  void finish_emptyKeyBucket_reportsRevisionZero() {
    assertThat(index(GoldenSnapshot.load("empty").db(), 4096).revision()).isZero();
  }

  @Test
  void finish_directBuffers_reportsEtcdctlStatus() {
    GoldenSnapshot golden = GoldenSnapshot.load("deleted");
    byte[] db = golden.db();
    BboltStreamIndexer indexer = new BboltStreamIndexer();
    ByteBuffer direct = ByteBuffer.allocateDirect(32 * 1024);
    for (int at = 0; at < db.length; at += direct.capacity()) {
      direct.clear().put(db, at, Math.min(direct.capacity(), db.length - at)).flip();
      indexer.accept(direct);
    }

    assertThat(indexer.finish()).isEqualTo(golden.stats());
  }

  @Test
  void accept_leavesChunkPositionAndLimitUnchanged() {
    byte[] db = GoldenSnapshot.load("small").db();
    ByteBuffer chunk = ByteBuffer.wrap(db, 100, 9000);
    BboltStreamIndexer indexer = new BboltStreamIndexer();
    indexer.accept(ByteBuffer.wrap(db, 0, 100));

    indexer.accept(chunk);

    assertThat(chunk.position()).isEqualTo(100);
    assertThat(chunk.limit()).isEqualTo(9100);
  }

  @Test
  void finish_streamEndsWithSha256Trailer_ignoresTrailer() {
    GoldenSnapshot golden = GoldenSnapshot.load("large");

    assertThat(index(golden.file(), 32 * 1024)).isEqualTo(golden.stats());
  }

  @Test
  void accept_bytesPastDbAndTrailer_throws() {
    byte[] tooLong = Arrays.copyOf(GoldenSnapshot.load("small").file(), 20480 + 33);

    assertThatThrownBy(() -> index(tooLong, 4096))
        .isInstanceOf(BboltFormatException.class)
        .hasMessageContaining("past the end of the db")
        .hasMessageContaining("20480 bytes");
  }

  @Test
  void finish_staleFreePageOverflowCoversLivePages_reportsEtcdctlStatus() {
    GoldenSnapshot golden = GoldenSnapshot.load("compacted");
    byte[] db = golden.db();
    long free = Corruption.freePageBeforeLivePages(db, 4);
    Corruption.writeLeafHeader(db, free, 4);

    assertThat(index(db, 32 * 1024)).isEqualTo(golden.stats());
  }

  @Test
  void finish_meta0Zeroed_fallsBackToMeta1() {
    GoldenSnapshot golden = GoldenSnapshot.load("large");
    byte[] db = golden.db();
    Arrays.fill(db, 0, 4096, (byte) 0);

    assertThat(index(db, 7919)).isEqualTo(golden.stats());
  }

  @Test
  void finish_bothMetasZeroed_throwsNamingBothMetaPages() {
    byte[] db = GoldenSnapshot.load("small").db();
    Arrays.fill(db, 0, 8192, (byte) 0);

    assertThatThrownBy(() -> index(db, 4096))
        .isInstanceOf(BboltFormatException.class)
        .hasMessageContaining("meta page 0 at offset 0: bad magic 0x00000000")
        .hasMessageContaining("no valid meta page 1");
  }

  @Test
  void finish_magicFlippedInBothMetas_throwsBadMagic() {
    byte[] db = GoldenSnapshot.load("small").db();
    db[16] ^= (byte) 0xFF;
    db[4096 + 16] ^= (byte) 0xFF;

    assertThatThrownBy(() -> index(db, 32 * 1024))
        .isInstanceOf(BboltFormatException.class)
        .hasMessageContaining("bad magic 0xed0cda12")
        .hasMessageContaining("offset 4096");
  }

  @Test
  void finish_checksumMismatchOnBothMetas_throwsChecksumMismatch() {
    byte[] db = GoldenSnapshot.load("small").db();
    db[16 + 48] ^= 1; // txid
    db[4096 + 16 + 48] ^= 1;

    assertThatThrownBy(() -> index(db, 32 * 1024))
        .isInstanceOf(BboltFormatException.class)
        .hasMessageContaining("meta page 0 at offset 0: checksum mismatch")
        .hasMessageContaining("meta page 1 at offset 4096: checksum mismatch");
  }

  @Test
  void finish_truncatedStream_throwsWithOffsetAndExpectedSize() {
    byte[] db = GoldenSnapshot.load("large").db();
    byte[] truncated = Arrays.copyOf(db, db.length - 5000);

    assertThatThrownBy(() -> index(truncated, 32 * 1024))
        .isInstanceOf(BboltFormatException.class)
        .hasMessageContaining("stream truncated at offset " + truncated.length)
        .hasMessageContaining("(" + db.length + " bytes)");
  }

  @Test
  void finish_streamEndsInsideMetaPage_throws() {
    byte[] db = GoldenSnapshot.load("small").db();

    assertThatThrownBy(() -> index(Arrays.copyOf(db, 50), 7))
        .isInstanceOf(BboltFormatException.class)
        .hasMessageContaining("ends after 50 bytes");
  }

  @Test
  void finish_rootPageZeroed_throwsNamingThePage() {
    byte[] db = GoldenSnapshot.load("large").db();
    long root = Corruption.rootPgid(db);
    Arrays.fill(db, (int) root * 4096, (int) root * 4096 + 4096, (byte) 0);

    assertThatThrownBy(() -> index(db, 32 * 1024))
        .isInstanceOf(BboltFormatException.class)
        .hasMessageContaining("page " + root + " (referenced by the meta page's root bucket)")
        .hasMessageContaining("does not start with its own page id");
  }

  @Test
  void finish_leafOfKeyBucketOverwrittenByFreelistHeader_throwsNamingThePage() {
    byte[] db = GoldenSnapshot.load("large").db();
    long leaf = Corruption.lastLeafOfKeyBucket(db);
    ByteBuffer.wrap(db).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort((int) leaf * 4096 + 8, (short) 0x10);

    assertThatThrownBy(() -> index(db, 32 * 1024))
        .isInstanceOf(BboltFormatException.class)
        .hasMessageContaining("page " + leaf + " (referenced by page")
        .hasMessageContaining("is not a branch or leaf page");
  }

  @Test
  void accept_afterFinish_throwsIllegalState() {
    BboltStreamIndexer indexer = new BboltStreamIndexer();
    indexer.accept(ByteBuffer.wrap(GoldenSnapshot.load("empty").db()));
    indexer.finish();

    assertThatThrownBy(() -> indexer.accept(ByteBuffer.allocate(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  static SnapshotStats index(byte[] bytes, int chunkSize) {
    BboltStreamIndexer indexer = new BboltStreamIndexer();
    for (int at = 0; at < bytes.length; at += chunkSize) {
      indexer.accept(ByteBuffer.wrap(bytes, at, Math.min(chunkSize, bytes.length - at)));
    }
    return indexer.finish();
  }
}
