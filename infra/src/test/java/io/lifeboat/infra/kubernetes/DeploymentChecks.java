package io.lifeboat.infra.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.lifeboat.settings.DurationText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every lifeboat DaemonSet must be, whichever overlay built it: the properties
 * infra/kubernetes/README.md promises (security, placement, probes, shutdown, memory). Used on
 * the base's files by {@link ManifestsTest} and on each {@code kubectl kustomize} output by
 * {@link KustomizeIT}.
 */
final class DeploymentChecks {

    /** docs/BENCHMARKS.md: the highest peak RSS of {@code --once} at -Xmx96m/128m. */
    static final long MEASURED_PEAK_RSS_MIB = 353;
    /** docs/BENCHMARKS.md: the smallest heap that completed every 1 GiB run. */
    static final String HEAP = "-Xmx128m";
    /** Time the pod needs after the service's grace period: cancel, abort the upload, exit. */
    static final Duration AFTER_GRACE = Duration.ofSeconds(10);

    private DeploymentChecks() {
    }

    static void check(DaemonSet daemonSet, ConfigMap config) {
        placement(daemonSet);
        security(daemonSet);
        volumes(daemonSet, config);
        container(daemonSet, config);
        shutdown(daemonSet, config);
    }

    static void placement(DaemonSet daemonSet) {
        PodSpec pod = daemonSet.getSpec().getTemplate().getSpec();
        assertThat(pod.getHostNetwork()).as("hostNetwork (etcd on the node's 127.0.0.1:2379)").isTrue();
        assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
        List<NodeSelectorRequirement> required = pod.getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().stream()
                .flatMap(term -> term.getMatchExpressions().stream()).toList();
        assertThat(required).as("required node affinity").isNotEmpty().allSatisfy(r -> {
            assertThat(r.getKey()).isIn("node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/etcd");
            assertThat(r.getOperator()).as("%s: Exists matches kubeadm's \"\" and k3s's \"true\"", r.getKey())
                    .isEqualTo("Exists");
        });
        for (String taint : List.of("node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master")) {
            assertThat(pod.getTolerations()).as("toleration of %s:NoSchedule", taint)
                    .anySatisfy(t -> tolerates(t, taint, "NoSchedule"));
        }
        assertThat(daemonSet.getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/name", Manifests.NAME);
        assertThat(daemonSet.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(daemonSet.getSpec().getSelector().getMatchLabels());
    }

    private static void tolerates(Toleration t, String key, String effect) {
        assertThat(t.getKey()).isEqualTo(key);
        assertThat(t.getOperator()).isEqualTo("Exists");
        assertThat(t.getEffect()).isIn(effect, null);
    }

    static void security(DaemonSet daemonSet) {
        PodSpec pod = daemonSet.getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).as("no API token: lifeboat never calls the API server")
                .isFalse();
        assertThat(pod.getServiceAccountName()).isEqualTo(Manifests.NAME);
        PodSecurityContext podContext = pod.getSecurityContext();
        assertThat(podContext.getRunAsUser()).as("root, only for kubeadm's root-owned 0600 etcd key").isZero();
        assertThat(podContext.getRunAsNonRoot()).isFalse();
        assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        SecurityContext context = Manifests.container(daemonSet).getSecurityContext();
        assertThat(context.getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem").isTrue();
        assertThat(context.getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation").isFalse();
        assertThat(context.getPrivileged()).isIn(false, null);
        assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(context.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(context.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getHostPID()).isIn(false, null);
        assertThat(pod.getHostIPC()).isIn(false, null);
    }

    static void volumes(DaemonSet daemonSet, ConfigMap config) {
        PodSpec pod = daemonSet.getSpec().getTemplate().getSpec();
        Container container = Manifests.container(daemonSet);
        List<Volume> hostPaths = pod.getVolumes().stream().filter(v -> v.getHostPath() != null).toList();
        assertThat(hostPaths).as("exactly one hostPath volume: etcd's TLS directory").hasSize(1);
        Volume pki = hostPaths.get(0);
        assertThat(pki.getHostPath().getType()).as("a missing directory fails the pod instead of being created")
                .isEqualTo("Directory");
        VolumeMount pkiMount = mountOf(container, pki.getName());
        assertThat(pkiMount.getReadOnly()).as("etcd's certificates are mounted read-only").isTrue();
        assertThat(pkiMount.getMountPath()).as("mounted at the node's own path").isEqualTo(pki.getHostPath().getPath());
        for (String key : List.of("LIFEBOAT_ETCD_CACERT", "LIFEBOAT_ETCD_CERT", "LIFEBOAT_ETCD_KEY")) {
            assertThat(Manifests.setting(config, key)).as("%s lies in the mounted etcd TLS directory", key)
                    .startsWith(pkiMount.getMountPath() + "/");
        }

        Volume tmp = volume(pod, mountAt(container, "/tmp").getName());
        assertThat(tmp.getEmptyDir()).as("/tmp is an emptyDir (the root file system is read-only)").isNotNull();

        String tokenFile = Manifests.setting(config, "LIFEBOAT_API_TOKEN_FILE");
        assertThat(tokenFile).isEqualTo("/run/secrets/lifeboat-api/token");
        VolumeMount tokenMount = mountAt(container, "/run/secrets/lifeboat-api");
        assertThat(tokenMount.getReadOnly()).isTrue();
        Volume token = volume(pod, tokenMount.getName());
        assertThat(token.getSecret()).as("the token is the Secret lifeboat-api").isNotNull();
        assertThat(token.getSecret().getSecretName()).isEqualTo("lifeboat-api");
        assertThat(token.getSecret().getOptional()).as("a missing token Secret must stop the pod").isIn(false, null);
    }

    static void container(DaemonSet daemonSet, ConfigMap config) {
        Container container = Manifests.container(daemonSet);
        assertThat(container.getImage()).startsWith("ghcr.io/lifeboat/lifeboat:");

        List<String> configMaps = container.getEnvFrom().stream().map(EnvFromSource::getConfigMapRef)
                .filter(ref -> ref != null).map(ref -> ref.getName()).toList();
        assertThat(configMaps).containsExactly(config.getMetadata().getName());
        List<String> secrets = container.getEnvFrom().stream().map(EnvFromSource::getSecretRef)
                .filter(ref -> ref != null).map(ref -> ref.getName()).toList();
        assertThat(secrets).as("bucket credentials from the Secret lifeboat-s3").containsExactly("lifeboat-s3");

        EnvVar host = env(container, "MICRONAUT_SERVER_HOST");
        assertThat(host.getValue()).isNull();
        assertThat(host.getValueFrom().getFieldRef().getFieldPath())
                .as("bind the pod IP (the node's, under hostNetwork), not 0.0.0.0").isEqualTo("status.podIP");
        String javaOptions = env(container, "JAVA_TOOL_OPTIONS").getValue();
        assertThat(javaOptions.split(" ")).as("heap from docs/BENCHMARKS.md").contains(HEAP);

        List<ContainerPort> ports = container.getPorts();
        assertThat(ports).hasSize(1);
        assertThat(ports.get(0).getName()).isEqualTo("http");
        assertThat(ports.get(0).getContainerPort()).isEqualTo(8080);

        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        long requestMiB = mib(requests.get("memory"));
        long limitMiB = mib(limits.get("memory"));
        assertThat(requestMiB).as("memory request covers the measured peak RSS").isGreaterThan(MEASURED_PEAK_RSS_MIB);
        assertThat(requestMiB).as("memory request").isEqualTo(384);
        assertThat(limitMiB).as("memory limit leaves room above the request").isEqualTo(512).isGreaterThan(requestMiB);
        assertThat(limitMiB).as("heap (128 MiB) is well below the limit: the rest is native memory")
                .isGreaterThanOrEqualTo(3 * 128);
        assertThat(requests.get("cpu")).as("CPU request below kubeadm etcd's 100m: etcd's puts win under contention")
                .isEqualTo(new Quantity("10m"));
        assertThat(limits).as("no CPU limit: throttling would stretch a backup and the final snapshot")
                .doesNotContainKey("cpu");

        probes(container);
    }

    static void probes(Container container) {
        Probe liveness = container.getLivenessProbe();
        assertThat(liveness.getHttpGet().getPath())
                .as("liveness must not be /health: a stale snapshot would restart-loop the pod")
                .isEqualTo("/health/liveness");
        assertThat(liveness.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(liveness.getPeriodSeconds() * liveness.getFailureThreshold())
                .as("seconds of failed liveness checks before a restart").isGreaterThanOrEqualTo(60);
        Probe startup = container.getStartupProbe();
        assertThat(startup.getHttpGet().getPath()).isEqualTo("/health/liveness");
        assertThat(startup.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
                .as("seconds a start may take: the start-up sweeps (S3 calls of up to 2m each) come first")
                .isGreaterThanOrEqualTo(3 * 120);
        Probe readiness = container.getReadinessProbe();
        assertThat(readiness.getHttpGet().getPath()).isIn("/health/liveness", "/health");
        assertThat(readiness.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    static void shutdown(DaemonSet daemonSet, ConfigMap config) {
        Duration grace = DurationText.parse(Manifests.setting(config, "LIFEBOAT_SHUTDOWN_GRACE_PERIOD"));
        assertThat(grace).as("room for a final snapshot of a 1 GiB db (20-30 s in docs/BENCHMARKS.md)")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        long termination = daemonSet.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(Duration.ofSeconds(termination))
                .as("terminationGracePeriodSeconds above LIFEBOAT_SHUTDOWN_GRACE_PERIOD %s plus the abort", grace)
                .isGreaterThanOrEqualTo(grace.plus(AFTER_GRACE));
        assertThat(config.getData().getOrDefault("LIFEBOAT_SHUTDOWN_FINAL_SNAPSHOT", "true"))
                .as("the final snapshot on SIGTERM stays on").isEqualTo("true");
    }

    static void service(Service service, DaemonSet daemonSet) {
        assertThat(service.getMetadata().getName()).isEqualTo(Manifests.NAME);
        assertThat(service.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", Manifests.NAME);
        assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/name", Manifests.NAME);
        assertThat(daemonSet.getSpec().getTemplate().getMetadata().getLabels())
                .as("the Service selects the DaemonSet's pods").containsAllEntriesOf(service.getSpec().getSelector());
        List<ServicePort> ports = service.getSpec().getPorts();
        assertThat(ports).hasSize(1);
        assertThat(ports.get(0).getName()).as("the ServiceMonitor scrapes port \"http\"").isEqualTo("http");
        assertThat(ports.get(0).getPort()).isEqualTo(8080);
        assertThat(ports.get(0).getTargetPort().getStrVal()).isEqualTo("http");
        assertThat(service.getSpec().getPublishNotReadyAddresses()).as("metrics of a not-ready pod are scraped too")
                .isTrue();
    }

    static EnvVar env(Container container, String name) {
        Optional<EnvVar> found = container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
        assertThat(found).as("env %s", name).isPresent();
        return found.get();
    }

    private static VolumeMount mountOf(Container container, String volume) {
        List<VolumeMount> mounts = container.getVolumeMounts().stream().filter(m -> volume.equals(m.getName())).toList();
        assertThat(mounts).as("mounts of volume %s", volume).hasSize(1);
        return mounts.get(0);
    }

    private static VolumeMount mountAt(Container container, String path) {
        Optional<VolumeMount> found = container.getVolumeMounts().stream()
                .filter(m -> path.equals(m.getMountPath())).findFirst();
        assertThat(found).as("a volume mounted at %s", path).isPresent();
        return found.get();
    }

    private static Volume volume(PodSpec pod, String name) {
        Optional<Volume> found = pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst();
        assertThat(found).as("volume %s", name).isPresent();
        return found.get();
    }

    private static long mib(Quantity quantity) {
        assertThat(quantity).isNotNull();
        return Quantity.getAmountInBytes(quantity).longValueExact() / (1024 * 1024);
    }
}
