package io.lifeboat.compression;

/**
 * How snapshots are compressed.
 *
 * @param level zstd level, 1..19 (3 is zstd's default: fast with a good ratio on etcd dbs)
 * @param workers zstd worker threads; 0 compresses on the calling (bounded scheduler) thread
 */
public record ZstdSettings(int level, int workers) {

    public static final ZstdSettings DEFAULT = new ZstdSettings(3, 0);

    public ZstdSettings {
        if (level < 1 || level > 19) {
            throw new IllegalArgumentException("lifeboat.zstd.level must be 1..19, was " + level);
        }
        if (workers < 0 || workers > 64) {
            throw new IllegalArgumentException("lifeboat.zstd.workers must be 0..64, was " + workers);
        }
    }
}
