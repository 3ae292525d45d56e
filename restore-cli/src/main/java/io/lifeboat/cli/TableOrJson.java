package io.lifeboat.cli;

import picocli.CommandLine.Option;

/** {@code -o table|json} for the commands that print rows: a table for a person, JSON for a script. */
final class TableOrJson {

    enum Format { table, json }

    @Option(names = {"-o", "--output"}, paramLabel = "table|json", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format output;

    boolean json() {
        return output == Format.json;
    }
}
