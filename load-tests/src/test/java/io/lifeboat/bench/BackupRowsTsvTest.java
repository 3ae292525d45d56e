package io.lifeboat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRowsTsvTest {

    static final Row ETCDCTL = new Row("random", "64 MiB", EtcdctlSave.TOOL, "-", 1, 66_000_000L, null, 0.7,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, 66_000_032L, 27_000_000L, 0.4, 0.81, 2.5, null);
    static final Row LIFEBOAT = new Row("random", "64 MiB", LifeboatOnce.TOOL, "-Xmx96m", 2, 66_000_000L, null,
            9.25, 3.1, 4.05, 2.1, 3.3, 52_000_000L, 290_000_000L, 8.8, 0.9, 2.75,
            new GcLog("G1", 96L << 20, 92L << 20, 54L << 20, 96L << 20, 110, 0, 482.25));
    static final Row FAILED = new Row("random", "64 MiB", LifeboatOnce.TOOL, "-Xmx64m", 1, 64L << 20,
            "OutOfMemoryError:\tJava heap\nspace", 6.8, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
            232_000_000L, 9.8, 0.89, 3.42, null);

    @Test
    void writeThenRead_givesTheSameRows_exceptFlattenedFailureText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("backup.tsv");

        BackupRowsTsv.write(file, List.of(ETCDCTL, LIFEBOAT, FAILED));
        List<Row> read = BackupRowsTsv.read(file);

        assertThat(read).hasSize(3);
        assertThat(read.get(0)).isEqualTo(ETCDCTL);
        assertThat(read.get(1)).isEqualTo(LIFEBOAT);
        assertThat(read.get(2).failure()).isEqualTo("OutOfMemoryError: Java heap space");
        assertThat(read.get(2).ok()).isFalse();
    }

    @Test
    void read_fileWithoutTheVersionLine_isRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("old.tsv"), BackupRowsTsv.COLUMNS + "\n");

        assertThatThrownBy(() -> BackupRowsTsv.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("old.tsv");
    }

    @Test
    void read_shortLine_isRefusedNamingTheLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cut.tsv"),
                BackupRowsTsv.HEADER + "\n" + BackupRowsTsv.COLUMNS + "\nrandom\t64 MiB\n");

        assertThatThrownBy(() -> BackupRowsTsv.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3");
    }

    @Test
    void beside_markdownReport_isTheSameNameWithTsv() {
        assertThat(BackupRowsTsv.beside(Path.of("target/backup-benchmark-x.md")))
                .isEqualTo(Path.of("target/backup-benchmark-x.tsv"));
    }
}
