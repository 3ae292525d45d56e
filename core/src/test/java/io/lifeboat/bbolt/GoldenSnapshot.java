package io.lifeboat.bbolt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * A snapshot saved by {@code etcdctl snapshot save} and what etcd said about it, from
 * src/test/resources/bbolt (made by make-golden.sh there).
 *
 * @param file the whole file, sha256 trailer included
 * @param status {@code etcdctl snapshot status -w json} of the file
 * @param liveKeys {@code count} of {@code etcdctl get "" --from-key} when it was saved
 */
record GoldenSnapshot(String name, byte[] file, SnapshotStatus status, long liveKeys) {

  static final List<String> NAMES = List.of("empty", "small", "large", "compacted", "deleted");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, GoldenSnapshot> LOADED = new ConcurrentHashMap<>();

  /** The golden snapshot {@code name}, with a fresh copy of its bytes for the test to damage. */
  static GoldenSnapshot load(String name) {
    GoldenSnapshot loaded = LOADED.computeIfAbsent(name, GoldenSnapshot::read);
    return new GoldenSnapshot(name, loaded.file.clone(), loaded.status, loaded.liveKeys);
  }

  private static GoldenSnapshot read(String name) {
    try {
      JsonNode status = JSON.readTree(resource(name + ".status.json"));
      JsonNode count = JSON.readTree(resource(name + ".count.json"));
      byte[] file;
      try (InputStream in = new GZIPInputStream(resource(name + ".db.gz"))) {
        file = in.readAllBytes();
      }
      return new GoldenSnapshot(name, file,
          new SnapshotStatus(status.path("hash").asLong(), status.path("revision").asLong(),
              status.path("totalKey").asLong(), count.path("count").asLong(),
              status.path("totalSize").asLong()),
          count.path("count").asLong());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The db bytes as etcd streams them: the file without its 32-byte sha256 trailer. */
  byte[] db() {
    return Arrays.copyOf(file, file.length - BboltStreamIndexer.SHA256_TRAILER_BYTES);
  }

  SnapshotStats stats() {
    return status.stats();
  }

  Path writeTo(Path dir) throws IOException {
    return Files.write(dir.resolve(name + ".db"), file);
  }

  @Override
  public String toString() {
    return name;
  }

  private static InputStream resource(String name) {
    InputStream in = GoldenSnapshot.class.getResourceAsStream("/bbolt/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource bbolt/" + name);
    }
    return in;
  }
}
