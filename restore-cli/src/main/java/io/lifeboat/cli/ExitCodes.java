package io.lifeboat.cli;

import io.lifeboat.failure.FailureKind;

/**
 * lifeboat's exit codes, stable for scripts: {@link FailureKind#exitCode()}, one table shared
 * with the service's {@code --once}. Documented in {@code --help} (the {@code exitCodeList} of
 * {@link Lifeboat}) and in the README: change all three together.
 */
final class ExitCodes {

    static final int OK = 0;
    static final int UNEXPECTED = FailureKind.UNEXPECTED.exitCode();
    static final int USAGE = FailureKind.CONFIGURATION.exitCode();
    static final int INTEGRITY = FailureKind.INTEGRITY.exitCode();

    private ExitCodes() {
    }

    static int of(Throwable e) {
        return FailureKind.of(e).exitCode();
    }
}
