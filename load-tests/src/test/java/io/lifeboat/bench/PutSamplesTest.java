package io.lifeboat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PutSamplesTest {

    /** 1.7e9 s after the epoch (November 2023), in ns. */
    private static final long START = 1_700_000_000_000_000_000L;
    private static final long START_MICROS = 1_700_000_000_000_000L;
    private static final long PERIOD = 5_000_000;

    @Test
    void writeThenRead_dueTimesFollowTheRate_latencyOnlyOnAnsweredPuts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("samples.tsv");
        long[] latencyPlusOne = {2_500_001, -1, 0};

        PutSamples.write(file, START, PERIOD, 3, i -> 1000L * (i + 1), i -> latencyPlusOne[i]);
        List<PutSamples.Sample> samples = PutSamples.read(file);

        assertThat(samples).containsExactly(
                new PutSamples.Sample(0, START_MICROS, 1, 2500, PutSamples.Status.OK),
                new PutSamples.Sample(1, START_MICROS + 5000, 2, -1, PutSamples.Status.ERROR),
                new PutSamples.Sample(2, START_MICROS + 10_000, 3, -1, PutSamples.Status.PENDING));
    }

    @Test
    void read_latencyOnAFailedPut_isRefusedNamingTheLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.tsv"), PutSamples.HEADER
                + "\n# start-epoch-nanos 0 period-nanos 1\n" + PutSamples.COLUMNS + "\n0\t10\t0\t5\terror\n");

        assertThatThrownBy(() -> PutSamples.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.tsv line 4");
    }

    @Test
    void read_otherFile_isRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("other.tsv"), "index\tlatency\n");

        assertThatThrownBy(() -> PutSamples.read(file)).hasMessageContaining("not a put-load samples file");
    }
}
