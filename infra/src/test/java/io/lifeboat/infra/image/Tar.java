package io.lifeboat.infra.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tar stream (ustar, with the PAX and GNU long-name records Jib's writer uses for long
 * paths) into memory. Enough for an image archive and its layers; no dependency for it.
 */
final class Tar {

    record Entry(String name, char type, int mode, byte[] data) {
    }

    private Tar() {
    }

    static List<Entry> read(InputStream in) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String longName = null;
        byte[] header = new byte[512];
        while (true) {
            if (!readFully(in, header)) {
                break;
            }
            if (isZero(header)) {
                break;
            }
            String name = string(header, 0, 100);
            int mode = (int) octal(header, 100, 8);
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            String magic = string(header, 257, 6);
            if (magic.startsWith("ustar")) {
                String prefix = string(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
            }
            byte[] data = new byte[Math.toIntExact(size)];
            if (!readFully(in, data)) {
                throw new IOException("truncated tar entry " + name);
            }
            long pad = (512 - size % 512) % 512;
            in.skipNBytes(pad);
            switch (type) {
                case 'x' -> longName = paxPath(data, longName);
                case 'L' -> longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                case 'g' -> { }
                default -> {
                    entries.add(new Entry(longName != null ? longName : name, type, mode, data));
                    longName = null;
                }
            }
        }
        return entries;
    }

    private static String paxPath(byte[] data, String current) {
        String records = new String(data, StandardCharsets.UTF_8);
        int i = 0;
        String path = current;
        while (i < records.length()) {
            int space = records.indexOf(' ', i);
            int length = Integer.parseInt(records.substring(i, space));
            String record = records.substring(space + 1, i + length - 1);
            if (record.startsWith("path=")) {
                path = record.substring("path=".length());
            }
            i += length;
        }
        return path;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int n = in.readNBytes(buffer, 0, buffer.length);
        if (n == 0 && buffer.length > 0) {
            return false;
        }
        if (n < buffer.length) {
            throw new IOException("truncated tar: " + n + " of " + buffer.length + " bytes");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int offset, int length) {
        String s = string(b, offset, length).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }
}
