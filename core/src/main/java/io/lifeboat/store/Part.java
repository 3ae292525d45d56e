package io.lifeboat.store;

/**
 * One multipart part held in memory until S3 has acknowledged it.
 *
 * @param number 1-based part number
 * @param bytes backing array; only {@code [0, length)} is part data
 * @param length bytes in the part
 */
public record Part(int number, byte[] bytes, int length) {
}
