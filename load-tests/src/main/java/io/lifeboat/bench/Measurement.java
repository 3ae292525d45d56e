package io.lifeboat.bench;

/**
 * One timed step of the restore benchmark: a line of its report. A step is a process
 * ({@code curl}, {@code zstd -d}, the lifeboat CLI), a phase a process reported about itself
 * (lifeboat's "download and verify"), or a sum of steps (the sequential baseline).
 *
 * @param what          the step, e.g. "lifeboat restore" or "baseline: zstd -d"
 * @param run           1-based run number
 * @param failure       why the step failed, or null
 * @param wallSeconds   start to exit as the benchmark saw it (tool start-up included), or the phase's own time
 * @param cpuSeconds    user + system CPU of the process and of the children it waited for (the
 *                      etcdctl that lifeboat restore runs), NaN for a phase
 * @param peakRssBytes  the process's VmHWM, 0 for a phase
 * @param boxBusy       busy share of the whole machine's CPU during the step (0..1), NaN for a phase
 * @param load1         1-minute load average when the step started
 */
record Measurement(String what, int run, String failure, double wallSeconds, double cpuSeconds,
                   long peakRssBytes, double boxBusy, double load1) {

    static Measurement of(String what, int run, String failure, MeasuredProcess.Result result, double load1) {
        return new Measurement(what, run, failure, EtcdctlSave.seconds(result.wall()),
                result.cpuSeconds() + result.childrenCpuSeconds(), result.peakRssBytes(), result.boxBusy(), load1);
    }

    /** A phase a process timed itself: no CPU or memory of its own. */
    static Measurement phase(String what, int run, double seconds) {
        return new Measurement(what, run, null, seconds, Double.NaN, 0, Double.NaN, Double.NaN);
    }

    boolean ok() {
        return failure == null;
    }
}
