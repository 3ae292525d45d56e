package io.lifeboat.bench;

/**
 * One timed run: a line of the report.
 *
 * @param values        the fill's value kind (random, kubernetes)
 * @param target        the fill's target db size ("256 MiB")
 * @param tool          what ran ("etcdctl snapshot save", "lifeboat --once")
 * @param heap          the child JVM's heap option ("-Xmx64m", "default"), "-" for etcdctl
 * @param run           1-based run number for this tool, heap and size
 * @param dbBytes       the db's size (from lifeboat's manifest, or etcdctl's file less its trailer)
 * @param failure       why the run failed, or null
 * @param wallSeconds   process start to exit, tool start-up included
 * @param startupSeconds process start to lifeboat asking etcd for the snapshot (JVM, Micronaut), NaN for etcdctl
 * @param streamSeconds lifeboat's own stream-to-upload-complete time (manifest timings), NaN for etcdctl
 * @param exitSeconds   upload complete to process exit (manifest write, context shutdown), NaN for etcdctl
 * @param streamCpuSeconds CPU the process used during the stream, NaN for etcdctl
 * @param storedBytes   the snapshot as stored: etcdctl's file, lifeboat's object
 * @param peakRssBytes  the process's VmHWM
 * @param cpuSeconds    the process's user + system CPU
 * @param boxBusy       busy share of the whole machine's CPU during the run (0..1)
 * @param load1         1-minute load average when the run started
 * @param gc            the child JVM's GC log summary, null for etcdctl or when unreadable
 */
record Row(String values, String target, String tool, String heap, int run, long dbBytes, String failure,
           double wallSeconds, double startupSeconds, double streamSeconds, double exitSeconds,
           double streamCpuSeconds, long storedBytes, long peakRssBytes,
           double cpuSeconds, double boxBusy, double load1, GcLog gc) {

    boolean ok() {
        return failure == null;
    }

    /** db bytes per second of wall time: start-up included, comparable across tools. */
    double wallMibPerSecond() {
        return dbBytes / (double) (1 << 20) / wallSeconds;
    }

    /** db bytes per second of lifeboat's stream (etcd to completed upload), NaN for etcdctl. */
    double streamMibPerSecond() {
        return dbBytes / (double) (1 << 20) / streamSeconds;
    }

    double ratio() {
        return storedBytes == 0 ? Double.NaN : (double) dbBytes / storedBytes;
    }
}
