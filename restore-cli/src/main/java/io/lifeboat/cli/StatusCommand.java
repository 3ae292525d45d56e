package io.lifeboat.cli;

import io.lifeboat.bbolt.BboltFile;
import io.lifeboat.bbolt.SnapshotStatus;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints what `etcdctl snapshot status` prints for a snapshot file.",
            "Hash, revision, total keys and total size of a snapshot file (or an etcd member/snap/db), computed by"
                + " lifeboat's own bbolt reader. etcd 3.4/3.5 count every revision of every key plus etcd's own"
                + " records as total keys; etcdutl 3.6 counts live keys only. Both are shown; --etcd36 reports the"
                + " 3.6 count as totalKey."})
final class StatusCommand implements Callable<Integer> {

    enum Format { table, json }

    private final Cli cli;

    @Parameters(paramLabel = "FILE", description = "Snapshot file (etcdctl snapshot save format, or a bbolt db).")
    Path file;

    @Option(names = {"-o", "--output", "-w"}, paramLabel = "table|json", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}); json has etcdctl's field names.")
    Format output;

    @Option(names = "--etcd36", description = "Report totalKey as etcdutl 3.6 does (live keys).")
    boolean etcd36;

    StatusCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        SnapshotStatus status;
        try {
            status = BboltFile.status(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such snapshot file");
        }
        long totalKey = etcd36 ? status.totalKeysV36() : status.totalKeys();
        if (output == Format.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("hash", status.hash());
            json.put("revision", status.revision());
            json.put("totalKey", totalKey);
            json.put("totalSize", status.totalSizeBytes());
            json.put("totalKeyV35", status.totalKeys());
            json.put("totalKeyV36", status.totalKeysV36());
            Json.print(cli.out(), json);
        } else {
            new Table("HASH", "REVISION>", "TOTAL KEYS>", "LIVE KEYS (3.6)>", "TOTAL SIZE")
                    .row(String.format("%08x", status.hash()), status.revision(), totalKey, status.totalKeysV36(),
                            Sizes.etcdStyle(status.totalSizeBytes()))
                    .printBoxed(cli.out());
        }
        return ExitCodes.OK;
    }
}
