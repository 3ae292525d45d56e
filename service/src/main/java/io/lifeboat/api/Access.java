package io.lifeboat.api;

import java.util.Locale;

/** Who may call a group of endpoints: anyone who can reach the port, or only holders of the API token. */
enum Access {
    OPEN,
    TOKEN;

    /**
     * Parses {@code open} or {@code token} (any case).
     *
     * @throws IllegalArgumentException naming {@code key} and the bad value
     */
    static Access parse(String key, String value) {
        String trimmed = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (trimmed) {
            case "open" -> OPEN;
            case "token" -> TOKEN;
            default -> throw new IllegalArgumentException(key + " must be open or token, not '" + value + "'");
        };
    }
}
