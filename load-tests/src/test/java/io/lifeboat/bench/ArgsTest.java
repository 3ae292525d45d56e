package io.lifeboat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The benchmarks' one option parser, seen through BenchmarkOptions and RestoreBenchmarkOptions. */
class ArgsTest {

    @Test
    void givenOptions_overrideDefaults_theRestKeepThem() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[] {
                "--service-jar", "svc.jar", "--sizes", "1GiB,64MiB", "--runs", "3", "--seed", "7"});

        assertThat(options.serviceJar()).isEqualTo(Path.of("svc.jar"));
        assertThat(options.dbSizesBytes()).containsExactly(64L << 20, 1L << 30);
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.partSize()).isEqualTo("16MB");
        assertThat(options.values()).containsExactly("random", "kubernetes");
    }

    @Test
    void unknownOption_isRefusedByName_withTheUsage() {
        assertThatThrownBy(() -> RestoreBenchmarkOptions.parse(new String[] {
                "--service-jar", "a", "--lifeboat", "b", "--sizes", "1GiB"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown option --sizes\n")
                .hasMessageContaining(RestoreBenchmarkOptions.USAGE);
    }

    @Test
    void optionWithoutValue_andHelp_areRefusedWithTheUsage() {
        assertThatThrownBy(() -> PutLatencyOptions.parse(new String[] {"--service-jar", "a", "--rate"}))
                .hasMessageStartingWith("--rate needs a value");
        assertThatThrownBy(() -> PutLatencyOptions.parse(new String[] {"--help"}))
                .hasMessage(PutLatencyOptions.USAGE);
    }

    @Test
    void putLatency_backupBelowEtcdByDefault_bucketInTheWorkDir_andNiceOnlyLowersPriority() {
        PutLatencyOptions defaults = PutLatencyOptions.parse(new String[] {"--service-jar", "a"});
        assertThat(defaults.nice()).isEqualTo(10);
        assertThat(defaults.bucketDir()).isNull();

        PutLatencyOptions same = PutLatencyOptions.parse(new String[] {
                "--service-jar", "a", "--nice", "0", "--bucket-dir", "/dev/shm"});
        assertThat(same.nice()).isZero();
        assertThat(same.bucketDir()).isEqualTo(Path.of("/dev/shm"));

        assertThatThrownBy(() -> PutLatencyOptions.parse(new String[] {"--service-jar", "a", "--nice", "-5"}))
                .hasMessageContaining("--nice takes 0 to 19");
        assertThatThrownBy(() -> PutLatencyOptions.parse(new String[] {"--service-jar", "a", "--nice", "20"}))
                .hasMessageContaining("--nice takes 0 to 19");
    }
}
