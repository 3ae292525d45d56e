package io.lifeboat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellPipelineTest {

    @Test
    void parse_readsGnuTimeLines_kibToBytes_userPlusSystem() {
        List<ShellPipeline.Stage> stages = ShellPipeline.Stage.parse(List.of(
                "save 3.21 51200 0.80 0.40",
                "zstd 5.50 20480 5.10 0.30",
                "upload 4.02 102400 2.00 0.50"));

        assertThat(stages).extracting(ShellPipeline.Stage::name).containsExactly("save", "zstd", "upload");
        assertThat(stages.get(0).wallSeconds()).isEqualTo(3.21);
        assertThat(stages.get(0).peakRssBytes()).isEqualTo(50L << 20);
        assertThat(stages.get(1).cpuSeconds()).isEqualTo(5.4, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void parse_skipsTimesOwnNoteOfAFailedStep_soAFailureShowsAsMissingSteps() {
        List<ShellPipeline.Stage> stages = ShellPipeline.Stage.parse(List.of(
                "save 3.21 51200 0.80 0.40",
                "Command exited with non-zero status 1",
                "zstd 0.01 2048 0.00 0.00"));

        assertThat(stages).extracting(ShellPipeline.Stage::name).containsExactly("save", "zstd");
    }

    @Test
    void describe_namesEachStepWithWallCpuAndRss() {
        String text = ShellPipeline.Stage.describe(List.of(new ShellPipeline.Stage("zstd", 5.5, 20L << 20, 5.4)));

        assertThat(text).isEqualTo("zstd 5.5 s (5.4 CPU-s, 20 MiB)");
    }
}
