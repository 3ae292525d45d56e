package io.lifeboat.bench.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * What every chart shares: a white canvas, title and subtitle, a plot area with a grid at the
 * y ticks, axis labels, and a legend below. Java2D on a {@link BufferedImage}: no display
 * needed (run with {@code -Djava.awt.headless=true}), nothing beyond the JDK.
 */
final class ChartFrame {

    static final int WIDTH = 1000;
    static final int HEIGHT = 620;
    /** Okabe-Ito: distinguishable with the common colour-vision deficiencies, and in grey. */
    static final List<Color> PALETTE = List.of(new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000));
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int LEFT = 90;
    private static final int RIGHT = 40;
    private static final int TOP = 80;

    /** One legend entry: a colour, a line (dashed or not), a bar swatch, or a marker-only point. */
    record LegendEntry(String name, Color color, boolean dashed, boolean bar) {
    }

    final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    final Graphics2D g = image.createGraphics();
    final Rectangle plot;
    private final int legendRows;

    ChartFrame(String title, String subtitle, List<LegendEntry> legend) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, LEFT - 60, 32);
        g.setFont(SUBTITLE);
        g.setColor(Color.DARK_GRAY);
        g.drawString(subtitle == null ? "" : subtitle, LEFT - 60, 54);
        legendRows = legendRows(legend);
        // Under the plot: tick labels (+20), the x label (+44), then the legend's rows from +72.
        int bottom = 64 + 24 * legendRows;
        plot = new Rectangle(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - bottom);
        drawLegend(legend);
    }

    /** Grid lines and labels at the y scale's ticks, the y axis label, and the plot's frame. */
    void yAxis(Scale y, String label) {
        g.setFont(SMALL);
        FontMetrics metrics = g.getFontMetrics();
        for (double tick : y.ticks()) {
            int py = y(y, tick);
            g.setColor(new Color(0xE3E3E3));
            g.drawLine(plot.x, py, plot.x + plot.width, py);
            g.setColor(Color.BLACK);
            String text = y.label(tick);
            g.drawString(text, plot.x - 8 - metrics.stringWidth(text), py + metrics.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.setFont(TEXT);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        int width = g.getFontMetrics().stringWidth(label);
        g.drawString(label, -(plot.y + plot.height / 2 + width / 2), 24);
        g.setTransform(saved);
        g.setStroke(new BasicStroke(1));
        g.drawRect(plot.x, plot.y, plot.width, plot.height);
    }

    /** A label under the x axis, centred. */
    void xLabel(String label) {
        g.setFont(TEXT);
        g.setColor(Color.BLACK);
        int width = g.getFontMetrics().stringWidth(label);
        g.drawString(label, plot.x + plot.width / 2 - width / 2, plot.y + plot.height + 44);
    }

    /** A tick label under the x axis at pixel {@code px}. */
    void xTick(int px, String text) {
        g.setFont(SMALL);
        g.setColor(Color.BLACK);
        FontMetrics metrics = g.getFontMetrics();
        g.drawLine(px, plot.y + plot.height, px, plot.y + plot.height + 5);
        g.drawString(text, px - metrics.stringWidth(text) / 2, plot.y + plot.height + 20);
    }

    int x(Scale scale, double value) {
        return plot.x + (int) Math.round(scale.fraction(value) * plot.width);
    }

    int y(Scale scale, double value) {
        return plot.y + plot.height - (int) Math.round(scale.fraction(value) * plot.height);
    }

    static BasicStroke line(boolean dashed) {
        return dashed
                ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {9, 6}, 0)
                : new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    void write(Path file) throws IOException {
        g.dispose();
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    private int legendRows(List<LegendEntry> legend) {
        g.setFont(TEXT);
        int rows = legend.isEmpty() ? 0 : 1;
        int x = LEFT;
        for (LegendEntry entry : legend) {
            int width = entryWidth(entry);
            if (x + width > WIDTH - RIGHT && x > LEFT) {
                rows++;
                x = LEFT;
            }
            x += width;
        }
        return rows;
    }

    private int entryWidth(LegendEntry entry) {
        return 48 + g.getFontMetrics(TEXT).stringWidth(entry.name()) + 24;
    }

    private void drawLegend(List<LegendEntry> legend) {
        g.setFont(TEXT);
        int x = LEFT;
        int y = plot.y + plot.height + 72;
        for (LegendEntry entry : legend) {
            int width = entryWidth(entry);
            if (x + width > WIDTH - RIGHT && x > LEFT) {
                x = LEFT;
                y += 24;
            }
            g.setColor(entry.color());
            if (entry.bar()) {
                g.fillRect(x, y - 11, 36, 14);
            } else {
                g.setStroke(line(entry.dashed()));
                g.drawLine(x, y - 4, x + 36, y - 4);
                g.fillOval(x + 18 - 4, y - 8, 8, 8);
            }
            g.setColor(Color.BLACK);
            g.drawString(entry.name(), x + 44, y + 1);
            x += width;
        }
        g.setStroke(new BasicStroke(1));
    }
}
