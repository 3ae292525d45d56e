package io.lifeboat.manifest;

/** A manifest document that this version of lifeboat cannot read safely. */
public class ManifestFormatException extends RuntimeException {
    public ManifestFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
