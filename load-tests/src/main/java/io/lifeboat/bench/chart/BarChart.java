package io.lifeboat.bench.chart;

import java.awt.Color;
import java.awt.FontMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Grouped bars: one group per category (e.g. a percentile), one bar per series in each (e.g.
 * without and during a backup), each bar labelled with its value. The y axis is log 10 when
 * asked: latency percentiles span decades, and on a linear axis the p50 bars would vanish
 * under the max.
 */
public final class BarChart {

    private final String title;
    private final String subtitle;
    private final List<String> categories;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();

    public BarChart(String title, String subtitle, List<String> categories, String xLabel, String yLabel,
                    boolean logY) {
        this.title = title;
        this.subtitle = subtitle;
        this.categories = List.copyOf(categories);
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    /** @param perCategory one value per category, in their order (NaN: no bar) */
    public BarChart add(String name, double[] perCategory) {
        if (perCategory.length != categories.size()) {
            throw new IllegalArgumentException(name + ": " + perCategory.length + " values for "
                    + categories.size() + " categories");
        }
        names.add(name);
        values.add(perCategory.clone());
        return this;
    }

    public void write(Path file) throws IOException {
        List<ChartFrame.LegendEntry> legend = new ArrayList<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int s = 0; s < names.size(); s++) {
            legend.add(new ChartFrame.LegendEntry(names.get(s), color(s), false, true));
            for (double v : values.get(s)) {
                if (Double.isFinite(v) && v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        ChartFrame frame = new ChartFrame(title, subtitle, legend);
        Scale y = max == 0 ? Scale.linearFromZero(0, 1, 6)
                : logY ? Scale.log(min / 2, max * 1.3, 10) : Scale.linearFromZero(0, max * 1.1, 8);
        frame.yAxis(y, yLabel);
        int groupWidth = frame.plot.width / categories.size();
        int barWidth = Math.max(4, (int) (groupWidth * 0.75) / Math.max(1, names.size()));
        frame.g.setFont(ChartFrame.SMALL);
        FontMetrics metrics = frame.g.getFontMetrics();
        for (int c = 0; c < categories.size(); c++) {
            int groupLeft = frame.plot.x + c * groupWidth + (groupWidth - barWidth * names.size()) / 2;
            for (int s = 0; s < names.size(); s++) {
                double v = values.get(s)[c];
                if (!Double.isFinite(v) || (logY && v <= 0)) {
                    continue;
                }
                int top = frame.y(y, v);
                int bottom = frame.plot.y + frame.plot.height;
                int left = groupLeft + s * barWidth;
                frame.g.setColor(color(s));
                frame.g.fillRect(left + 2, top, barWidth - 4, bottom - top);
                frame.g.setColor(Color.BLACK);
                String label = valueLabel(v);
                frame.g.drawString(label, left + barWidth / 2 - metrics.stringWidth(label) / 2, top - 4);
            }
            frame.xTick(frame.plot.x + c * groupWidth + groupWidth / 2, categories.get(c));
        }
        frame.xLabel(xLabel);
        frame.write(file);
    }

    /** Three significant digits at most, no trailing zeros beyond that: 0.84, 5.2, 12.3, 431. */
    static String valueLabel(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static Color color(int series) {
        return ChartFrame.PALETTE.get(series % ChartFrame.PALETTE.size());
    }
}
