package io.lifeboat.infra.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.lifeboat.settings.DurationText;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code kubectl apply -k} would send: each overlay and the base built by the real
 * {@code kubectl kustomize} (offline, no cluster), its output read into fabric8's typed model.
 * Fails, never skips, when kubectl is missing: {@code infra/local/ensure-tools.sh} installs it.
 */
class KustomizeIT {

    private static Path root;
    private static String kubectl;

    @BeforeAll
    static void findKubectl() {
        root = Manifests.root();
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
        assertThat(found)
                .as("kubectl on PATH (%s): run infra/local/ensure-tools.sh, which installs Debian's kubernetes-client",
                        System.getenv("PATH"))
                .isPresent();
        kubectl = found.get().toString();
        // No version floor: the kustomizations are written in the dialect kustomize v2.0.3 (Debian 12's
        // kubectl 1.20) and v5 both build, and both were checked to print the same objects.
        run(List.of(kubectl, "version", "--client"), "kubectl version --client");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/kubeadm-ha", "overlays/ramdisk-single-node", "overlays/k3s-rke2"})
    void everyBuildIsOneHardenedDaemonSetWithItsServiceAllInTheLifeboatNamespace(String dir) {
        List<HasMetadata> all = build(dir);
        assertThat(all).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", Manifests.NAME)
                .containsEntry("app.kubernetes.io/part-of", "lifeboat"));
        List<HasMetadata> objects = all.stream().filter(o -> !isMonitoring(o)).toList();
        assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrder(
                "Namespace", "ServiceAccount", "ConfigMap", "DaemonSet", "Service");
        assertThat(Manifests.only(objects, Namespace.class).getMetadata().getName()).isEqualTo(Manifests.NAMESPACE);
        assertThat(objects).filteredOn(o -> !(o instanceof Namespace)).allSatisfy(o ->
                assertThat(o.getMetadata().getNamespace()).as("%s %s", o.getKind(), o.getMetadata().getName())
                        .isEqualTo(Manifests.NAMESPACE));
        assertThat(Manifests.only(objects, ServiceAccount.class).getMetadata().getName()).isEqualTo(Manifests.NAME);

        DaemonSet daemonSet = Manifests.only(objects, DaemonSet.class);
        ConfigMap config = Manifests.only(objects, ConfigMap.class);
        DeploymentChecks.check(daemonSet, config);
        DeploymentChecks.service(Manifests.only(objects, Service.class), daemonSet);
        assertThat(Manifests.container(daemonSet).getImage()).isEqualTo("ghcr.io/lifeboat/lifeboat:0.1.0");

        Duration grace = DurationText.parse(Manifests.setting(config, "LIFEBOAT_SHUTDOWN_GRACE_PERIOD"));
        assertThat(daemonSet.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .as("%s: terminationGracePeriodSeconds > LIFEBOAT_SHUTDOWN_GRACE_PERIOD (%s)", dir, grace)
                .isGreaterThan(grace.toSeconds());
    }

    @Test
    void kubeadmHaIsTheBaseWithItsOwnClusterName() {
        List<HasMetadata> base = build("base");
        List<HasMetadata> ha = build("overlays/kubeadm-ha").stream().filter(o -> !isMonitoring(o)).toList();
        assertThat(Manifests.only(ha, DaemonSet.class)).as("the DaemonSet as the base has it")
                .isEqualTo(Manifests.only(base, DaemonSet.class));
        assertThat(Manifests.only(ha, Service.class)).isEqualTo(Manifests.only(base, Service.class));
        ConfigMap config = Manifests.only(ha, ConfigMap.class);
        assertThat(config.getData()).containsEntry("LIFEBOAT_CLUSTER", "prod")
                .containsEntry("LIFEBOAT_ETCD_CACERT", "/etc/kubernetes/pki/etcd/ca.crt");
        ConfigMap baseConfig = Manifests.only(base, ConfigMap.class);
        assertThat(config.getData()).hasSameSizeAs(baseConfig.getData());
    }

    @Test
    void ramdiskSnapshotsEveryFiveMinutesKeepsLastTenAndThirtyOneDailiesAndIsReadyOnlyWhenFresh() {
        List<HasMetadata> objects = build("overlays/ramdisk-single-node");
        ConfigMap config = Manifests.only(objects, ConfigMap.class);
        assertThat(config.getData())
                .containsEntry("LIFEBOAT_SCHEDULE_CRON", "0 */5 * * * *")
                .containsEntry("LIFEBOAT_RETENTION_KEEP_LAST", "10")
                .containsEntry("LIFEBOAT_RETENTION_KEEP_DAILY", "31");
        for (String tier : List.of("HOURLY", "WEEKLY", "MONTHLY", "YEARLY")) {
            assertThat(config.getData()).containsEntry("LIFEBOAT_RETENTION_KEEP_" + tier, "0");
        }
        assertThat(DurationText.parse(config.getData().get("LIFEBOAT_MAX_SNAPSHOT_AGE")))
                .as("max snapshot age, with a 5-minute schedule").isEqualTo(Duration.ofMinutes(15));
        DaemonSet daemonSet = Manifests.only(objects, DaemonSet.class);
        assertThat(Manifests.container(daemonSet).getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(Manifests.container(daemonSet).getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
        assertThat(volume(daemonSet).getHostPath().getPath()).isEqualTo("/etc/kubernetes/pki/etcd");
    }

    @Test
    void k3sReadsEtcdTlsFromRancherPathsOnEtcdNodes() {
        String tls = "/var/lib/rancher/k3s/server/tls/etcd";
        List<HasMetadata> objects = build("overlays/k3s-rke2");
        ConfigMap config = Manifests.only(objects, ConfigMap.class);
        assertThat(config.getData())
                .containsEntry("LIFEBOAT_ETCD_ENDPOINTS", "https://127.0.0.1:2379")
                .containsEntry("LIFEBOAT_ETCD_CACERT", tls + "/server-ca.crt")
                .containsEntry("LIFEBOAT_ETCD_CERT", tls + "/client.crt")
                .containsEntry("LIFEBOAT_ETCD_KEY", tls + "/client.key");
        assertThat(config.getData().values()).noneSatisfy(v -> assertThat(v).contains("/etc/kubernetes"));

        DaemonSet daemonSet = Manifests.only(objects, DaemonSet.class);
        assertThat(volume(daemonSet).getHostPath().getPath()).isEqualTo(tls);
        assertThat(Manifests.container(daemonSet).getVolumeMounts())
                .as("the kubeadm mount is gone").noneSatisfy(m -> assertThat(m.getMountPath()).startsWith("/etc/kubernetes"))
                .anySatisfy(m -> {
                    assertThat(m.getMountPath()).isEqualTo(tls);
                    assertThat(m.getReadOnly()).isTrue();
                });
        assertThat(daemonSet.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms())
                .singleElement()
                .satisfies(term -> assertThat(term.getMatchExpressions()).singleElement()
                        .satisfies(r -> assertThat(r.getKey()).isEqualTo("node-role.kubernetes.io/etcd")));
        assertThat(daemonSet.getSpec().getTemplate().getSpec().getTolerations()).extracting(Toleration::getKey)
                .containsExactlyInAnyOrder("node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master",
                        "CriticalAddonsOnly", "node-role.kubernetes.io/etcd");
    }

    @Test
    void kubeadmHaIncludesTheMonitoring_andOnlyIt() {
        List<HasMetadata> monitoring = build("overlays/kubeadm-ha").stream().filter(KustomizeIT::isMonitoring).toList();
        assertThat(monitoring).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .containsExactlyInAnyOrder("ServiceMonitor/lifeboat", "PrometheusRule/lifeboat",
                        "ConfigMap/lifeboat-dashboard");
        assertThat(monitoring).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(Manifests.NAMESPACE));
        assertThat(monitoring).extracting(o -> o.getMetadata().getLabels().get("grafana_dashboard"))
                .containsOnlyOnce("1");
        for (String dir : List.of("base", "overlays/ramdisk-single-node", "overlays/k3s-rke2")) {
            assertThat(build(dir)).as("%s needs no Prometheus Operator CRDs", dir).noneMatch(KustomizeIT::isMonitoring);
        }
    }

    /** The objects of infra/kubernetes/monitoring (the ServiceMonitor, rules and dashboard). */
    private static boolean isMonitoring(HasMetadata object) {
        return "monitoring".equals(object.getMetadata().getLabels().get("app.kubernetes.io/component"));
    }

    private static Volume volume(DaemonSet daemonSet) {
        List<Volume> hostPaths = daemonSet.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getHostPath() != null).toList();
        assertThat(hostPaths).hasSize(1);
        return hostPaths.get(0);
    }

    /** {@code kubectl kustomize <dir>}'s output as typed objects. */
    private static List<HasMetadata> build(String dir) {
        Path target = root.resolve(dir);
        assertThat(target.resolve("kustomization.yaml")).isRegularFile();
        String yaml = run(List.of(kubectl, "kustomize", target.toString()), "kubectl kustomize " + dir);
        return Manifests.objects(yaml, "kubectl kustomize " + dir);
    }

    /** The command's stdout; fails with its stderr unless it exits 0 within 60 s. */
    private static String run(List<String> command, String what) {
        try {
            Path stderr = Files.createTempFile("kubectl", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
                process.getOutputStream().close();
                byte[] out = process.getInputStream().readAllBytes();
                boolean exited = process.waitFor(60, TimeUnit.SECONDS);
                if (!exited) {
                    process.destroyForcibly();
                }
                String err = Files.readString(stderr);
                assertThat(exited).as("%s finished within 60 s", what).isTrue();
                assertThat(process.exitValue()).as("%s exit code; stderr: %s", what, err).isZero();
                String text = new String(out, StandardCharsets.UTF_8);
                assertThat(text).as("%s printed nothing; stderr: %s", what, err).isNotBlank();
                return text;
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new AssertionError(what + " could not run: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " interrupted", e);
        }
    }
}
