package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: a header row, then rows; numbers right-aligned, text left-aligned. */
final class Table {

    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param columns names; a name ending in {@code >} is right-aligned (the marker is not shown) */
    Table(String... columns) {
        header = new ArrayList<>();
        rightAligned = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            rightAligned[i] = columns[i].endsWith(">");
            header.add(rightAligned[i] ? columns[i].substring(0, columns[i].length() - 1) : columns[i]);
        }
    }

    Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    /** Columns separated by two spaces, like kubectl. */
    void print(PrintWriter out) {
        int[] widths = widths();
        out.println(line(header, widths, "  ").stripTrailing());
        for (List<String> row : rows) {
            out.println(line(row, widths, "  ").stripTrailing());
        }
    }

    /** Boxed, like etcdctl's {@code -w table}; headers centred. */
    void printBoxed(PrintWriter out) {
        int[] widths = widths();
        String rule = rule(widths);
        List<String> centred = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            int pad = widths[i] - header.get(i).length();
            centred.add(" ".repeat(pad / 2) + header.get(i) + " ".repeat(pad - pad / 2));
        }
        out.println(rule);
        out.println("| " + line(centred, widths, " | ") + " |");
        out.println(rule);
        for (List<String> row : rows) {
            out.println("| " + line(row, widths, " | ") + " |");
        }
        out.println(rule);
    }

    private int[] widths() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    private static String rule(int[] widths) {
        StringBuilder rule = new StringBuilder("+");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('+');
        }
        return rule.toString();
    }

    private String line(List<String> cells, int[] widths, String separator) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(i == 0 ? "" : separator).append(rightAligned[i] ? pad + cell : cell + pad);
        }
        return line.toString();
    }
}
