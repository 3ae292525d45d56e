package io.lifeboat.cli;

import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import reactor.core.Exceptions;

/**
 * The one place where failures become a message and an exit code ({@link ExitCodes}): the
 * message only, a stack trace only with {@code --stacktrace} or for an unexpected error's
 * hint. Messages name bucket, key, path or tool, never credentials or snapshot bytes.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final Cli cli;

    ErrorHandler(Cli cli) {
        this.cli = cli;
    }

    @Override
    public int handleExecutionException(Exception thrown, CommandLine command, ParseResult parsed) {
        Throwable e = cause(thrown);
        int code = ExitCodes.of(e);
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        cli.err().println("lifeboat: " + (code == ExitCodes.UNEXPECTED ? "unexpected error: " + e : message));
        if (stacktraceWanted(parsed)) {
            e.printStackTrace(cli.err());
        } else if (code == ExitCodes.UNEXPECTED) {
            cli.err().println("(run again with --stacktrace for details)");
        }
        cli.err().flush();
        return code;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        cli.err().println("lifeboat: " + e.getMessage());
        CommandLine command = e.getCommandLine();
        cli.err().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        cli.err().flush();
        return ExitCodes.USAGE;
    }

    /** Reactor wraps checked exceptions; an UncheckedIOException is reported by its cause. */
    private static Throwable cause(Throwable thrown) {
        Throwable e = Exceptions.unwrap(thrown);
        if (e instanceof UncheckedIOException io && io.getCause() != null
                && io.getCause() instanceof java.nio.file.NoSuchFileException) {
            return io.getCause();
        }
        return e;
    }

    private static boolean stacktraceWanted(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--stacktrace")) {
                return true;
            }
        }
        return false;
    }
}
