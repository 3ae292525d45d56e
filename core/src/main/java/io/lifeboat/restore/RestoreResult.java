package io.lifeboat.restore;

import io.lifeboat.manifest.Manifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A restore that completed: the data dir is in place.
 *
 * @param manifest the snapshot restored
 * @param dataDir where the data dir now is
 * @param movedAside where the previous contents went, with {@code --move-aside}
 * @param verified the figures the downloaded snapshot proved
 * @param served revision and live keys etcd served in the start check, if one ran
 * @param filesystemType file system of the data dir ({@code tmpfs}, {@code ext4}, ...)
 * @param mountedTmpfs whether this restore mounted a tmpfs on the data dir
 * @param restoreTool the etcd tool that built the data dir
 * @param timings how long each step took
 */
public record RestoreResult(Manifest manifest, Path dataDir, Optional<Path> movedAside, Verified verified,
                            Optional<Served> served, String filesystemType, boolean mountedTmpfs, Path restoreTool,
                            Timings timings) {

    /** What etcd served when started on the restored data. */
    public record Served(long revision, long liveKeys) {
    }

    /**
     * @param downloadAndVerify download, decompression, every digest and the bbolt check
     * @param etcdRestore etcd's restore tool building the data dir
     * @param startCheck starting etcd on it (zero without --verify-start)
     * @param total from the first check to the data dir in place
     */
    public record Timings(Duration downloadAndVerify, Duration etcdRestore, Duration startCheck, Duration total) {
    }
}
