package io.lifeboat.bench.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Lines through points, one per series, over a log-2 x axis (db sizes double from one run to
 * the next) and a linear y axis from zero; each point gets a marker, so a series of one point
 * (a quick run's single db size) still shows. Series are drawn in the order added, each in the
 * next colour unless it shares one with an earlier series ({@link #add} with a colour key).
 */
public final class LineChart {

    /**
     * @param name   the legend's text
     * @param points x, y pairs (NaN values are skipped)
     * @param colorKey series with the same key share a colour (e.g. "stream" and "wall" of one tool)
     * @param dashed a dashed line (e.g. the wall-time variant of a throughput)
     */
    public record Series(String name, List<double[]> points, String colorKey, boolean dashed) {
    }

    private final String title;
    private final String subtitle;
    private final String xLabel;
    private final String yLabel;
    private final DoubleFunction<String> xTickLabel;
    private final List<Series> series = new ArrayList<>();

    public LineChart(String title, String subtitle, String xLabel, String yLabel, DoubleFunction<String> xTickLabel) {
        this.title = title;
        this.subtitle = subtitle;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xTickLabel = xTickLabel;
    }

    public LineChart add(Series one) {
        series.add(one);
        return this;
    }

    public void write(Path file) throws IOException {
        List<String> colorKeys = new ArrayList<>();
        List<ChartFrame.LegendEntry> legend = new ArrayList<>();
        double xMin = Double.MAX_VALUE;
        double xMax = 0;
        double yMax = 0;
        for (Series s : series) {
            if (!colorKeys.contains(s.colorKey())) {
                colorKeys.add(s.colorKey());
            }
            legend.add(new ChartFrame.LegendEntry(s.name(), color(colorKeys, s), s.dashed(), false));
            for (double[] p : valid(s)) {
                xMin = Math.min(xMin, p[0]);
                xMax = Math.max(xMax, p[0]);
                yMax = Math.max(yMax, p[1]);
            }
        }
        ChartFrame frame = new ChartFrame(title, subtitle, legend);
        // Half a doubling of room each side, so no point sits on the frame (a quick run's one size).
        Scale x = xMax > 0 ? Scale.log(xMin / 1.5, xMax * 1.5, 2) : Scale.log(1, 2, 2);
        Scale y = Scale.linearFromZero(0, yMax * 1.08, 8);
        frame.yAxis(y, yLabel);
        for (double tick : x.ticks()) {
            frame.xTick(frame.x(x, tick), xTickLabel.apply(tick));
        }
        frame.xLabel(xLabel);
        for (Series s : series) {
            List<double[]> points = valid(s);
            frame.g.setColor(color(colorKeys, s));
            frame.g.setStroke(ChartFrame.line(s.dashed()));
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < points.size(); i++) {
                int px = frame.x(x, points.get(i)[0]);
                int py = frame.y(y, points.get(i)[1]);
                if (i == 0) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
            }
            frame.g.draw(path);
            frame.g.setStroke(new BasicStroke(1));
            frame.g.setFont(ChartFrame.SMALL);
            for (double[] p : points) {
                int px = frame.x(x, p[0]);
                int py = frame.y(y, p[1]);
                frame.g.fillOval(px - 5, py - 5, 10, 10);
                // The value beside its marker: a quick run has a point or two, read off exactly.
                frame.g.drawString(BarChart.valueLabel(p[1]), px + 8, py - 6);
            }
        }
        frame.write(file);
    }

    private static Color color(List<String> colorKeys, Series s) {
        return ChartFrame.PALETTE.get(colorKeys.indexOf(s.colorKey()) % ChartFrame.PALETTE.size());
    }

    private static List<double[]> valid(Series s) {
        return s.points().stream().filter(p -> Double.isFinite(p[0]) && p[0] > 0 && Double.isFinite(p[1]))
                .sorted((a, b) -> Double.compare(a[0], b[0])).toList();
    }
}
