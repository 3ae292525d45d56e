package io.lifeboat.infra.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lifeboat.settings.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The files under infra/kubernetes as written, each read into fabric8's typed model: every
 * document parses to a kind fabric8 knows, every kustomization points at files that exist, and
 * the base and the overlays' patches say what infra/kubernetes/README.md promises. The built
 * result of each overlay is {@link KustomizeIT}'s job.
 */
class ManifestsTest {

    private final Path root = Manifests.root();

    @Test
    @SuppressWarnings("unchecked")
    void everyManifestParsesIntoTypedObjectsAndEveryKustomizationPointsAtExistingFiles() {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("base", "overlays", "examples")) {
            files.addAll(Manifests.yamlFiles(root.resolve(dir)));
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(14);
        List<Path> jsonPatches = jsonPatches(files);
        assertThat(jsonPatches).as("the k3s overlay's toleration patch").hasSize(1);
        int kustomizations = 0;
        for (Path file : files) {
            String yaml = Manifests.read(file);
            if (jsonPatches.contains(file)) {
                List<Map<String, Object>> operations = Serialization.unmarshal(yaml, List.class);
                assertThat(operations).as("RFC 6902 operations in %s", file).isNotEmpty()
                        .allSatisfy(op -> assertThat(op).containsKeys("op", "path"));
            } else if (file.getFileName().toString().equals("kustomization.yaml")) {
                kustomizations++;
                checkKustomization(file, Manifests.map(yaml));
            } else {
                assertThat(Manifests.objects(yaml, file.toString())).as("objects in %s", file).isNotEmpty();
            }
        }
        assertThat(kustomizations).as("base and three overlays").isEqualTo(1 + Manifests.OVERLAYS.size());
        for (String overlay : Manifests.OVERLAYS) {
            assertThat(root.resolve("overlays").resolve(overlay).resolve("kustomization.yaml")).isRegularFile();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Path> jsonPatches(List<Path> files) {
        List<Path> patches = new ArrayList<>();
        for (Path file : files) {
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                for (Map<String, Object> patch : (List<Map<String, Object>>) Manifests.map(Manifests.read(file))
                        .getOrDefault("patchesJson6902", List.of())) {
                    patches.add(file.getParent().resolve((String) patch.get("path")));
                }
            }
        }
        return patches;
    }

    /**
     * Also holds the kustomizations to the dialect kustomize v2.0.3 builds (Debian 12's kubectl
     * 1.20; CI may run a newer kubectl, which accepts it too): no {@code patches} or {@code labels},
     * no per-generator {@code options}, directories only under {@code bases}.
     */
    @SuppressWarnings("unchecked")
    private static void checkKustomization(Path file, Map<String, Object> kustomization) {
        assertThat(kustomization).as(file.toString()).containsEntry("kind", "Kustomization");
        assertThat(kustomization).as("%s: keys kustomize v2.0.3 does not know", file)
                .doesNotContainKeys("patches", "labels", "components", "replacements");
        Path dir = file.getParent();
        List<String> resources = (List<String>) kustomization.getOrDefault("resources", List.of());
        assertThat(resources).as("%s: resources are files (v2.0.3 takes directories only as bases)", file)
                .allSatisfy(entry -> assertThat(dir.resolve(entry)).isRegularFile());
        List<String> bases = (List<String>) kustomization.getOrDefault("bases", List.of());
        assertThat(bases).as("%s: bases are directories", file)
                .allSatisfy(entry -> assertThat(dir.resolve(entry).resolve("kustomization.yaml")).isRegularFile());
        List<String> referenced = new ArrayList<>(resources);
        referenced.addAll(bases);
        referenced.addAll((List<String>) kustomization.getOrDefault("patchesStrategicMerge", List.of()));
        for (Map<String, Object> patch : (List<Map<String, Object>>) kustomization.getOrDefault("patchesJson6902", List.of())) {
            assertThat(patch).as("JSON patch in %s: a target and a file (v2.0.3 has no inline patch)", file)
                    .containsKeys("target", "path");
            referenced.add((String) patch.get("path"));
        }
        assertThat(referenced).as("files %s uses", file).isNotEmpty();
        for (String entry : referenced) {
            assertThat(dir.resolve(entry)).as("%s in %s", entry, file).exists();
            assertThat(entry).as("%s: the example Secrets must never be applied", file).doesNotContain("example");
        }
        if (!dir.getFileName().toString().equals("base")) {
            assertThat(resources).as("%s: an overlay patches the base, it does not copy it", file).isEmpty();
            assertThat(bases).as(file.toString()).contains("../../base")
                    .allSatisfy(entry -> assertThat(entry).isIn("../../base", "../../monitoring"));
            assertThat(referenced).allSatisfy(entry ->
                    assertThat(bases.contains(entry) || entry.endsWith("-patch.yaml")).as(entry).isTrue());
        }
    }

    @Test
    void baseDaemonSetIsHardenedPlacedProbedAndSizedAsDocumented() {
        List<HasMetadata> base = base();
        DaemonSet daemonSet = Manifests.only(base, DaemonSet.class);
        ConfigMap config = Manifests.only(base, ConfigMap.class);
        DeploymentChecks.check(daemonSet, config);
        DeploymentChecks.service(Manifests.only(base, Service.class), daemonSet);

        assertThat(daemonSet.getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getHostPath() != null)
                .singleElement()
                .satisfies(v -> assertThat(v.getHostPath().getPath()).isEqualTo("/etc/kubernetes/pki/etcd"));
        assertThat(Manifests.container(daemonSet).getReadinessProbe().getHttpGet().getPath())
                .as("base readiness: in HA a pod that loses the lock reports a stale /health")
                .isEqualTo("/health/liveness");
        assertThat(Manifests.container(daemonSet).getImage()).isEqualTo("ghcr.io/lifeboat/lifeboat:0.1.0");
        assertThat(daemonSet.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(90L);
    }

    @Test
    void baseConfigMapHasTheKubeadmEtcdTlsAndTheTokenFile() {
        ConfigMap config = Manifests.only(base(), ConfigMap.class);
        assertThat(config.getData())
                .containsEntry("LIFEBOAT_ETCD_ENDPOINTS", "https://127.0.0.1:2379")
                .containsEntry("LIFEBOAT_ETCD_CACERT", "/etc/kubernetes/pki/etcd/ca.crt")
                .containsEntry("LIFEBOAT_ETCD_CERT", "/etc/kubernetes/pki/etcd/healthcheck-client.crt")
                .containsEntry("LIFEBOAT_ETCD_KEY", "/etc/kubernetes/pki/etcd/healthcheck-client.key")
                .containsEntry("LIFEBOAT_API_TOKEN_FILE", "/run/secrets/lifeboat-api/token")
                .containsKeys("LIFEBOAT_S3_BUCKET", "LIFEBOAT_CLUSTER", "LIFEBOAT_SHUTDOWN_GRACE_PERIOD");
        assertThat(config.getData().keySet()).as("only lifeboat's settings; credentials live in Secrets")
                .allSatisfy(key -> assertThat(key).startsWith("LIFEBOAT_"));
        assertThat(config.getData().get("LIFEBOAT_S3_BUCKET"))
                .as("a placeholder that is no valid bucket name, so it can never be somebody's bucket")
                .contains("REPLACE_ME").matches(".*[A-Z_].*");
        assertThat(DurationText.parse(config.getData().get("LIFEBOAT_MAX_SNAPSHOT_AGE"))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void baseObjectsAreInTheLifeboatNamespaceWithoutApiAccess() {
        List<HasMetadata> base = base();
        assertThat(base).extracting(HasMetadata::getKind).containsExactlyInAnyOrder(
                "Namespace", "ServiceAccount", "ConfigMap", "DaemonSet", "Service");
        Namespace namespace = Manifests.only(base, Namespace.class);
        assertThat(namespace.getMetadata().getName()).isEqualTo(Manifests.NAMESPACE);
        assertThat(namespace.getMetadata().getLabels())
                .as("hostNetwork and hostPath are beyond the baseline Pod Security Standard")
                .containsEntry("pod-security.kubernetes.io/enforce", "privileged");
        assertThat(base).filteredOn(o -> !(o instanceof Namespace))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo(Manifests.NAMESPACE));
        assertThat(Manifests.only(base, ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
        assertThat(base).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", Manifests.NAME));

        Map<String, Object> kustomization = Manifests.map(Manifests.read(root.resolve("base/kustomization.yaml")));
        assertThat(kustomization).containsEntry("namespace", Manifests.NAMESPACE);
        assertThat(kustomization.get("images")).as("image overridable with kustomize images:")
                .isEqualTo(List.of(Map.of("name", "ghcr.io/lifeboat/lifeboat", "newTag", "0.1.0")));
    }

    @Test
    void exampleSecretsArePlaceholdersTheServiceWouldRefuse() {
        Path example = root.resolve("examples/secrets.example.yaml");
        String yaml = Manifests.read(example);
        assertThat(yaml).contains("EXAMPLE ONLY - REPLACE EVERY VALUE");
        List<Secret> secrets = Manifests.ofKind(Manifests.objects(yaml, example.toString()), Secret.class);
        assertThat(secrets).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder("lifeboat-s3", "lifeboat-api");
        for (Secret secret : secrets) {
            assertThat(secret.getMetadata().getNamespace()).isEqualTo(Manifests.NAMESPACE);
            assertThat(secret.getMetadata().getAnnotations()).containsKey("lifeboat.io/example");
            assertThat(secret.getData()).as("placeholders in stringData, nothing encoded").isNullOrEmpty();
            assertThat(secret.getStringData().values()).allSatisfy(v -> assertThat(v).isEqualTo("REPLACE_ME"));
        }
        Secret s3 = secrets.stream().filter(s -> s.getMetadata().getName().equals("lifeboat-s3")).findFirst().orElseThrow();
        assertThat(s3.getStringData()).containsOnlyKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        Secret api = secrets.stream().filter(s -> s.getMetadata().getName().equals("lifeboat-api")).findFirst().orElseThrow();
        assertThat(api.getStringData()).containsOnlyKeys("token");
        assertThat(api.getStringData().get("token")).as("shorter than the 16 characters the service demands")
                .hasSizeLessThan(16);
    }

    @Test
    void ramdiskPatchSetsTheFiveMinuteScheduleAndTheSeedRetention() {
        Path dir = root.resolve("overlays/ramdisk-single-node");
        ConfigMap patch = parse(dir.resolve("configmap-patch.yaml"), ConfigMap.class);
        assertThat(patch.getData())
                .containsEntry("LIFEBOAT_SCHEDULE_CRON", "0 */5 * * * *")
                .containsEntry("LIFEBOAT_RETENTION_KEEP_LAST", "10")
                .containsEntry("LIFEBOAT_RETENTION_KEEP_DAILY", "31")
                .containsEntry("LIFEBOAT_RETENTION_KEEP_HOURLY", "0")
                .containsEntry("LIFEBOAT_RETENTION_KEEP_WEEKLY", "0")
                .containsEntry("LIFEBOAT_RETENTION_KEEP_MONTHLY", "0")
                .containsEntry("LIFEBOAT_RETENTION_KEEP_YEARLY", "0");
        Duration maxAge = DurationText.parse(patch.getData().get("LIFEBOAT_MAX_SNAPSHOT_AGE"));
        assertThat(maxAge).as("a few 5-minute ticks, far below the 15-minute default's 1h")
                .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(30));
        DaemonSet daemonSet = parse(dir.resolve("daemonset-patch.yaml"), DaemonSet.class);
        assertThat(Manifests.container(daemonSet).getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(Manifests.container(daemonSet).getLivenessProbe()).as("liveness stays the base's").isNull();
    }

    @Test
    void k3sPatchMovesTheEtcdTlsDirectoryToRancherPaths() {
        Path dir = root.resolve("overlays/k3s-rke2");
        String tls = "/var/lib/rancher/k3s/server/tls/etcd";
        ConfigMap patch = parse(dir.resolve("configmap-patch.yaml"), ConfigMap.class);
        assertThat(patch.getData())
                .containsEntry("LIFEBOAT_ETCD_CACERT", tls + "/server-ca.crt")
                .containsEntry("LIFEBOAT_ETCD_CERT", tls + "/client.crt")
                .containsEntry("LIFEBOAT_ETCD_KEY", tls + "/client.key");
        DaemonSet daemonSet = parse(dir.resolve("daemonset-patch.yaml"), DaemonSet.class);
        assertThat(daemonSet.getSpec().getTemplate().getSpec().getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo("etcd-pki");
            assertThat(v.getHostPath().getPath()).isEqualTo(tls);
        });
        List<VolumeMount> mounts = Manifests.container(daemonSet).getVolumeMounts();
        assertThat(mounts).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo(tls);
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(mounts).as("the kubeadm mount is deleted, not left beside the new one").anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/etc/kubernetes/pki/etcd");
            assertThat(m.getAdditionalProperties()).containsEntry("$patch", "delete");
        });
        assertThat(daemonSet.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms())
                .singleElement()
                .satisfies(term -> assertThat(term.getMatchExpressions()).singleElement().satisfies(r -> {
                    assertThat(r.getKey()).isEqualTo("node-role.kubernetes.io/etcd");
                    assertThat(r.getOperator()).isEqualTo("Exists");
                }));
    }

    @Test
    void everyOverlayNamesItsClusterDifferently() {
        List<String> names = new ArrayList<>();
        for (String overlay : Manifests.OVERLAYS) {
            ConfigMap patch = parse(root.resolve("overlays").resolve(overlay).resolve("configmap-patch.yaml"), ConfigMap.class);
            assertThat(patch.getMetadata().getName()).isEqualTo("lifeboat-config");
            names.add(patch.getData().get("LIFEBOAT_CLUSTER"));
        }
        assertThat(names).doesNotContainNull().doesNotHaveDuplicates().doesNotContain("default");
    }

    private List<HasMetadata> base() {
        List<HasMetadata> objects = new ArrayList<>();
        for (Path file : Manifests.yamlFiles(root.resolve("base"))) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                objects.addAll(Manifests.objects(Manifests.read(file), file.toString()));
            }
        }
        return objects;
    }

    private static <T extends HasMetadata> T parse(Path file, Class<T> kind) {
        assertThat(file).isRegularFile();
        List<HasMetadata> objects = Manifests.objects(Manifests.read(file), file.toString());
        assertThat(objects).as(file.toString()).singleElement().isInstanceOf(kind);
        return kind.cast(objects.get(0));
    }
}
