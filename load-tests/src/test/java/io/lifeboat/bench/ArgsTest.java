package io.lifeboat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks' one option parser, seen through every benchmark main's options. */
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
        assertThat(defaults.workDir()).isNull();
        assertThat(PutLatencyOptions.parse(new String[] {"--service-jar", "a", "--work-dir", "/dev/shm"}).workDir())
                .isEqualTo(Path.of("/dev/shm"));

        assertThatThrownBy(() -> PutLatencyOptions.parse(new String[] {"--service-jar", "a", "--nice", "-5"}))
                .hasMessageContaining("--nice takes 0 to 19");
        assertThatThrownBy(() -> PutLatencyOptions.parse(new String[] {"--service-jar", "a", "--nice", "20"}))
                .hasMessageContaining("--nice takes 0 to 19");
    }

    @Test
    void putLatency_podCpu_takesThreeRequestsInMillicores_asTheKubeletWeighsThem() {
        assertThat(PutLatencyOptions.parse(new String[] {"--service-jar", "a"}).podCpu()).isNull();
        PutLatencyOptions pods = PutLatencyOptions.parse(new String[] {
                "--service-jar", "a", "--pod-cpu", "100m,250,10m"});
        assertThat(pods.podCpu()).containsExactly(100, 250, 10);
        assertThat(PutLatencyBenchmark.podRequests(pods.podCpu()))
                .containsExactly(entry("etcd", 100), entry("put-load", 250), entry("backup", 10));

        assertThat(PutLatencyBenchmark.bucketRequest(pods.podCpu())).isEmpty();
        PutLatencyOptions withBucket = PutLatencyOptions.parse(new String[] {
                "--service-jar", "a", "--pod-cpu", "100m,250m,10m,1000m"});
        assertThat(PutLatencyBenchmark.podRequests(withBucket.podCpu())).containsOnlyKeys("etcd", "put-load", "backup");
        assertThat(PutLatencyBenchmark.bucketRequest(withBucket.podCpu())).containsExactly(entry("s3mock", 1000));

        for (String bad : new String[] {"100m,10m", "100m,250m,10m,5m,1m", "100m,,10m", "0m,250m,10m", "1c,2,3"}) {
            assertThatThrownBy(() -> PutLatencyOptions.parse(new String[] {"--service-jar", "a", "--pod-cpu", bad}))
                    .as(bad).hasMessageStartingWith("--pod-cpu " + bad + ": takes three CPU requests");
        }
        // The kubelet's MilliCPUToShares: kubeadm's etcd 100m, kube-apiserver 250m, lifeboat 10m; at least 2.
        assertThat(PodCpuShares.sharesFor(100)).isEqualTo(102);
        assertThat(PodCpuShares.sharesFor(250)).isEqualTo(256);
        assertThat(PodCpuShares.sharesFor(10)).isEqualTo(10);
        assertThat(PodCpuShares.sharesFor(1)).isEqualTo(2);
    }

    @Test
    void everyMain_refusesAnUnknownOption_withItsUsage() {
        List<Consumer<String[]>> parsers = List.of(
                BenchmarkOptions::parse, RestoreBenchmarkOptions::parse, PutLatencyOptions::parse,
                SlowBucketBenchmark.Options::parse, StageLimits.Options::parse, CatalogBenchmark.Options::parse,
                RenderCharts.Options::parse);
        for (Consumer<String[]> parser : parsers) {
            assertThatThrownBy(() -> parser.accept(new String[] {"--bogus", "1"}))
                    .as(parser.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("unknown option --bogus\n")
                    .hasMessageContaining("usage: ");
        }
    }

    @Test
    void aValueItsParserRefuses_isNamedWithItsOption() {
        assertThatThrownBy(() -> StageLimits.Options.parse(new String[] {"--runs", "three"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--runs three: ");
        assertThatThrownBy(() -> CatalogBenchmark.Options.parse(new String[] {
                "--service-jar", "a", "--lifeboat", "b", "--store", "minio"}))
                .hasMessage("--store minio: takes s3proxy or s3mock");
    }

    @Test
    void requiredFiles_areCheckedBeforeAnythingStarts(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("service.jar"));
        Path missing = dir.resolve("lifeboat");

        Args.requireFiles("build it", jar);
        assertThatThrownBy(() -> Args.requireFiles("build it", jar, missing))
                .hasMessage("not found: " + missing + " (build it)");
        assertThatThrownBy(() -> SlowBucketBenchmark.Options.parse(new String[] {"--service-jar", missing.toString()}))
                .hasMessageStartingWith("not found: " + missing);
        assertThat(SlowBucketBenchmark.Options.parse(new String[] {"--service-jar", jar.toString(), "--rate", "5"}).rate())
                .isEqualTo(5);
    }
}
