package io.lifeboat.manifest;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/** A manifest document that this version of lifeboat cannot read safely. */
public class ManifestFormatException extends LifeboatException {
    public ManifestFormatException(String message, Throwable cause) {
        super(FailureKind.INTEGRITY, message, cause);
    }
}
