package io.lifeboat.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The configured API bearer token. It is never printed: {@link #toString()} hides it and
 * start-up errors name the key and the length, not the value.
 */
final class ApiToken {

    static final int MIN_LENGTH = 16;

    private final byte[] digest;

    private ApiToken(String token) {
        this.digest = sha256(token);
    }

    /**
     * The token from {@code lifeboat.api.token-file} or {@code lifeboat.api.token}; empty if neither is set.
     *
     * @throws IllegalArgumentException both keys set, the file unreadable, or a token shorter
     *     than {@value #MIN_LENGTH} characters (the message names the key)
     */
    static Optional<ApiToken> load(ApiConfig config) {
        boolean hasValue = config.token() != null && !config.token().isEmpty();
        boolean hasFile = config.tokenFile() != null && !config.tokenFile().isBlank();
        if (hasValue && hasFile) {
            throw new IllegalArgumentException("set " + ApiConfig.TOKEN_FILE_KEY + " or " + ApiConfig.TOKEN_KEY
                    + " (LIFEBOAT_API_TOKEN), not both: which one is meant is a guess lifeboat will not make");
        }
        if (hasFile) {
            return Optional.of(of(ApiConfig.TOKEN_FILE_KEY, readFile(Path.of(config.tokenFile()))));
        }
        if (hasValue) {
            return Optional.of(of(ApiConfig.TOKEN_KEY, config.token()));
        }
        return Optional.empty();
    }

    static ApiToken of(String key, String token) {
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(key + " must be at least " + MIN_LENGTH + " characters long (it has "
                    + token.length() + "); e.g. openssl rand -hex 32");
        }
        return new ApiToken(token);
    }

    /**
     * Whether {@code presented} is the token, in time that does not depend on where they differ.
     * Both sides are hashed first: {@link MessageDigest#isEqual} is constant-time only for inputs
     * of equal length, and digests always are, so the length of the token does not leak either.
     */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    @Override
    public String toString() {
        return "ApiToken[***]";
    }

    private static String readFile(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(ApiConfig.TOKEN_FILE_KEY + ": cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        // `echo token > file` and `kubectl create secret --from-file` often leave a newline the client never sends.
        return stripTrailingNewlines(content);
    }

    static String stripTrailingNewlines(String content) {
        int end = content.length();
        while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
            end--;
        }
        return content.substring(0, end);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
