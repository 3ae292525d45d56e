package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * What every command gets from the process that runs it: the environment (for the
 * {@code LIFEBOAT_*} bucket settings) and where to write. Passed in, not read from
 * {@code System}, so tests run commands in-process with their own.
 *
 * @param env environment variables
 * @param out results (tables, JSON, verdicts)
 * @param err messages, progress, errors
 * @param stderrIsTerminal whether progress may be drawn on {@code err}
 */
record Cli(Map<String, String> env, PrintWriter out, PrintWriter err, boolean stderrIsTerminal) {
}
