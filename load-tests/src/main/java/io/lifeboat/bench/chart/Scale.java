package io.lifeboat.bench.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An axis: the range it shows, where its ticks go, and where a value lands on it (0 at the
 * range's start, 1 at its end). Linear ranges are widened to "nice" steps (1, 2 or 5 times a
 * power of ten) so the ticks read as round numbers; log ranges are whole powers (of 2 for db
 * sizes, whose steps double; of 10 for latencies, which span decades).
 */
public final class Scale {

    private final double min;
    private final double max;
    private final List<Double> ticks;
    private final boolean log;
    private final int tickDecimals;

    private Scale(double min, double max, List<Double> ticks, boolean log, int tickDecimals) {
        this.min = min;
        this.max = max;
        this.ticks = List.copyOf(ticks);
        this.log = log;
        this.tickDecimals = tickDecimals;
    }

    /**
     * A linear axis from 0 (or below, for negative data) over every value in [dataMin, dataMax],
     * with at most {@code maxTicks} ticks a nice step apart. An empty or zero range shows 0 to 1.
     */
    public static Scale linearFromZero(double dataMin, double dataMax, int maxTicks) {
        double low = Math.min(0, finiteOr(dataMin, 0));
        double high = Math.max(0, finiteOr(dataMax, 0));
        if (high - low <= 0) {
            high = low + 1;
        }
        double step = niceStep((high - low) / Math.max(1, maxTicks - 1));
        double start = Math.floor(low / step + 1e-9) * step;
        double end = Math.ceil(high / step - 1e-9) * step;
        List<Double> ticks = new ArrayList<>();
        long count = Math.round((end - start) / step);
        for (long i = 0; i <= count; i++) {
            // Multiplied, not accumulated: 0.1 + 0.1 + 0.1 would drift off the round number.
            ticks.add(clean(start + i * step, step));
        }
        return new Scale(start, end, ticks, false, Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9)));
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code raw} (> 0). */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= raw * (1 - 1e-9)) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    /**
     * A log axis over [dataMin, dataMax] (both > 0) from the power of {@code base} at or below
     * the smallest value to the one at or above the largest, at least one step wide (a single
     * value sits between two powers); a tick at each power, and for base 10 over at most three
     * decades also at 2 and 5 times each, the range then ending at the ticks around the data.
     */
    public static Scale log(double dataMin, double dataMax, int base) {
        if (!(dataMin > 0) || !(dataMax >= dataMin)) {
            throw new IllegalArgumentException("a log scale needs 0 < min <= max, not " + dataMin + ", " + dataMax);
        }
        double logBase = Math.log(base);
        int low = (int) Math.floor(Math.log(dataMin) / logBase + 1e-9);
        int high = (int) Math.ceil(Math.log(dataMax) / logBase - 1e-9);
        if (high == low) {
            if (Math.abs(Math.log(dataMin) / logBase - low) < 1e-9) {
                low--; // exactly a power: put it in the middle
            }
            high++;
        }
        List<Double> ticks = new ArrayList<>();
        boolean minor = base == 10 && high - low <= 3;
        for (int e = low; e <= high; e++) {
            double power = Math.pow(base, e);
            ticks.add(power);
            if (minor && e < high) {
                ticks.add(2 * power);
                ticks.add(5 * power);
            }
        }
        if (minor) {
            // Ends at the 1-2-5 ticks around the data, not whole decades: less empty room.
            int first = 0;
            while (first + 1 < ticks.size() && ticks.get(first + 1) <= dataMin * (1 + 1e-9)) {
                first++;
            }
            int last = ticks.size() - 1;
            while (last - 1 > first && ticks.get(last - 1) >= dataMax * (1 - 1e-9)) {
                last--;
            }
            ticks = new ArrayList<>(ticks.subList(first, last + 1));
        }
        return new Scale(ticks.get(0), ticks.get(ticks.size() - 1), ticks, true, Math.max(0, -low));
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public List<Double> ticks() {
        return ticks;
    }

    /** Where {@code value} lands: 0 at {@link #min()}, 1 at {@link #max()}, outside for values outside. */
    public double fraction(double value) {
        if (log) {
            return (Math.log(value) - Math.log(min)) / (Math.log(max) - Math.log(min));
        }
        return (value - min) / (max - min);
    }

    /** A tick's label: as many decimals as the step needs, none for whole numbers. */
    public String label(double tick) {
        if (tick == Math.rint(tick) && Math.abs(tick) < 1e15) {
            return Long.toString((long) tick);
        }
        return String.format(Locale.ROOT, "%." + tickDecimals + "f", tick);
    }

    private static double clean(double value, double step) {
        double rounded = Math.round(value / step) * step;
        return Double.parseDouble(String.format(Locale.ROOT, "%.10g", rounded));
    }

    private static double finiteOr(double value, double fallback) {
        return Double.isFinite(value) ? value : fallback;
    }
}
