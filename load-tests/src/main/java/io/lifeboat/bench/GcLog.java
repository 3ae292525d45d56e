package io.lifeboat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a child JVM's unified GC log ({@link #jvmOptions}) says about its heap.
 *
 * <p>Every pause line reads {@code before->after(committed)}. The heap is fullest just before a
 * collection, so the largest "before" is the peak heap used (to the MiB the log prints); the
 * largest "after" of a young or full pause is the most the heap still held once garbage was
 * gone: the live set, the figure a bounded pipeline keeps flat whatever the db size. The heap
 * at exit (gc+heap+exit) covers a run whose last allocations no collection saw.
 *
 * @param collector        "G1", "Serial", ... from the log's first line
 * @param maxHeapBytes     the heap's max capacity (-Xmx, or the JVM's default)
 * @param peakUsedBytes    largest heap use seen (before a pause, or at exit)
 * @param peakLiveBytes    largest heap use right after a young or full pause
 * @param peakCommittedBytes largest committed heap
 * @param pauses           stop-the-world pauses
 * @param fullPauses       of those, full collections (a heap too small shows here first)
 * @param pauseMillis      total time in pauses
 */
record GcLog(String collector, long maxHeapBytes, long peakUsedBytes, long peakLiveBytes,
             long peakCommittedBytes, int pauses, int fullPauses, double pauseMillis) {

    private static final Pattern USING = Pattern.compile("\\[gc\\s*] Using (\\S+)");
    private static final Pattern MAX = Pattern.compile("Heap Max Capacity: (\\d+)([KMG])");
    /** {@code [gc     ] GC(8) Pause Young (Normal) (G1 Humongous Allocation) 61M->41M(64M) 0.315ms} */
    private static final Pattern PAUSE = Pattern.compile(
            "\\[gc\\s*] GC\\(\\d+\\) (Pause .*?) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([\\d.]+)ms");
    private static final Pattern EXIT = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");

    /** Options that make a JVM write what {@link #parse} reads into {@code file}. */
    static List<String> jvmOptions(Path file) {
        return List.of("-Xlog:gc,gc+init,gc+heap+exit:file=" + file + ":uptime,level,tags");
    }

    static GcLog parse(Path file) throws IOException {
        String collector = "?";
        long max = 0;
        long used = 0;
        long live = 0;
        long committed = 0;
        int pauses = 0;
        int full = 0;
        double millis = 0;
        for (String line : Files.readAllLines(file)) {
            Matcher m;
            if ((m = USING.matcher(line)).find()) {
                collector = m.group(1);
            } else if ((m = MAX.matcher(line)).find()) {
                max = bytes(m.group(1), m.group(2));
            } else if ((m = PAUSE.matcher(line)).find()) {
                String kind = m.group(1);
                pauses++;
                millis += Double.parseDouble(m.group(8));
                used = Math.max(used, bytes(m.group(2), m.group(3)));
                committed = Math.max(committed, bytes(m.group(6), m.group(7)));
                if (kind.startsWith("Pause Young") || kind.startsWith("Pause Full")) {
                    live = Math.max(live, bytes(m.group(4), m.group(5)));
                }
                if (kind.startsWith("Pause Full")) {
                    full++;
                }
            } else if ((m = EXIT.matcher(line)).find()) {
                committed = Math.max(committed, Long.parseLong(m.group(1)) * 1024);
                used = Math.max(used, Long.parseLong(m.group(2)) * 1024);
            }
        }
        return new GcLog(collector, max, used, live, committed, pauses, full, millis);
    }

    private static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            default -> n << 30;
        };
    }
}
