package io.lifeboat.manifest;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/** A manifest document that this version of lifeboat cannot read safely. */
public class ManifestFormatException extends LifeboatException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public ManifestFormatException(String message, Throwable cause) {
        super(FailureKind.INTEGRITY, message, cause);
        this.reason = firstLine(message);
    }

    /**
     * @param source where the document came from (object key or file)
     * @param reason what is wrong with it, e.g. {@code is not JSON: ...}
     */
    public ManifestFormatException(String source, String reason, Throwable cause) {
        super(FailureKind.INTEGRITY, "manifest " + source + " " + reason, cause);
        this.reason = firstLine(reason);
    }

    /**
     * What is wrong, on one line and without the source: what a listing shows next to the key
     * (Jackson's messages run over several lines and quote the document's start).
     */
    public String reason() {
        return reason;
    }

    private static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        int newline = t.indexOf('\n');
        return (newline < 0 ? t : t.substring(0, newline)).strip();
    }
}
