package io.lifeboat.failure;

/**
 * Base of lifeboat's own exceptions: a message for a person (it names the bucket, key,
 * endpoint, path or setting at fault and, where there is one, the remedy; never credentials
 * or snapshot bytes) and the {@link FailureKind} every entry point maps.
 */
public abstract class LifeboatException extends RuntimeException implements FailureKind.Classified {

    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    protected LifeboatException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    @Override
    public FailureKind kind() {
        return kind;
    }
}
