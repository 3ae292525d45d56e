package io.lifeboat.bench;

import io.lifeboat.testing.KeyspaceGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Values shaped like what the Kubernetes API server stores in etcd: the {@code k8s\0} protobuf
 * envelope, TypeMeta, ObjectMeta (name, namespace, a random UID, labels, owner reference,
 * managedFields with their FieldsV1 JSON), then a body shaped by the kind (containers, events,
 * endpoints, config files, secret material, RBAC rules, node images), repeated up to the size the
 * keyspace drew.
 *
 * <p>Random where real objects are random (UIDs, IPs, image digests, container ids, pod-template
 * hashes, secret material as base64 text), from small vocabularies where real objects repeat
 * themselves (field names, label keys, images, env names, event reasons). The compression ratio
 * a db of these values gets is a property of this generator: an estimate between the random
 * worst case and a real cluster, not a measurement of one.
 */
final class KubernetesLikeValues implements KeyspaceGenerator.ValueSource {

    private static final List<String> APPS = List.of("api-gateway", "billing", "checkout", "search-indexer",
            "redis", "postgres", "web", "worker", "prometheus", "grafana", "coredns", "ingress-nginx-controller",
            "cert-manager", "fluent-bit", "node-exporter", "kube-proxy", "metrics-server");
    private static final List<String> IMAGES = List.of("registry.k8s.io/kube-proxy:v1.30.2",
            "docker.io/library/nginx:1.27.0", "quay.io/prometheus/node-exporter:v1.8.1",
            "ghcr.io/acme/checkout:2024.11.3", "docker.io/bitnami/redis:7.2.5", "docker.io/library/postgres:16.3",
            "registry.k8s.io/coredns/coredns:v1.11.1", "quay.io/jetstack/cert-manager-controller:v1.15.1",
            "docker.io/grafana/grafana:11.1.0", "cr.fluentbit.io/fluent/fluent-bit:3.0.7");
    private static final List<String> ENV = List.of("LOG_LEVEL", "DATABASE_URL", "REDIS_HOST", "JAVA_OPTS",
            "GOMAXPROCS", "POD_NAME", "POD_NAMESPACE", "NODE_NAME", "OTEL_EXPORTER_OTLP_ENDPOINT", "HTTP_PORT");
    private static final List<String> LABELS = List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by",
            "helm.sh/chart", "team", "tier");
    private static final List<String> MANAGERS = List.of("kube-controller-manager", "kubelet",
            "kubectl-client-side-apply", "helm", "kube-scheduler", "argocd-controller");
    private static final List<String> REASONS = List.of("Scheduled|Successfully assigned %s to %s",
            "Pulling|Pulling image \"%s\"", "Pulled|Successfully pulled image \"%s\" in 1.2s",
            "Created|Created container %s", "Started|Started container %s",
            "Killing|Stopping container %s", "BackOff|Back-off restarting failed container %s in pod %s",
            "Unhealthy|Readiness probe failed: HTTP probe failed with statuscode: 503");
    private static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete");
    private static final List<String> RESOURCES = List.of("pods", "services", "endpoints", "configmaps",
            "secrets", "deployments", "replicasets", "events", "leases", "nodes", "namespaces");
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final long EPOCH_SECONDS = 1_732_000_000L;

    private final SplittableRandom random;

    KubernetesLikeValues(long seed) {
        // Its own stream: the keyspace's random (keys, sizes, order) stays the seed's.
        this.random = new SplittableRandom(seed ^ 0x6b38735f76616c73L);
    }

    @Override
    public byte[] value(String key, int sizeBytes) {
        String[] segments = key.split("/");
        String resource = segments[2];
        String name = segments[segments.length - 1];
        String namespace = segments.length >= 5 ? segments[segments.length - 2] : "";
        Proto out = new Proto();
        out.raw("k8s\0");
        out.message(1, type -> type.string(1, apiVersion(resource)).string(2, kind(resource)));
        out.message(2, meta -> metadata(meta, resource, namespace, name));
        while (out.length() < sizeBytes) {
            body(out, resource, namespace, name);
        }
        return out.bytes(sizeBytes);
    }

    private void metadata(Proto meta, String resource, String namespace, String name) {
        String app = pick(APPS);
        meta.string(1, name).string(3, namespace).string(5, uid()).string(8, timestamp());
        for (int i = 0, n = 2 + random.nextInt(5); i < n; i++) {
            String label = LABELS.get(i);
            String value = label.endsWith("chart") ? app + "-4.11.2" : app;
            meta.message(11, entry -> entry.string(1, label).string(2, value));
        }
        if (!resource.equals("namespaces") && !resource.equals("minions")) {
            meta.message(13, owner -> owner.string(1, "apps/v1").string(2, "ReplicaSet")
                    .string(3, app + "-" + hex(10)).string(4, uid()).raw("0\1"));
        }
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            String manager = pick(MANAGERS);
            meta.message(17, field -> field.string(1, manager).string(2, "Update").string(3, apiVersion(resource))
                    .string(4, timestamp()).string(6, "FieldsV1").string(7, fieldsV1(resource)));
        }
    }

    /** One block of the kind's body; called until the value reaches its size. */
    private void body(Proto out, String resource, String namespace, String name) {
        switch (resource) {
            case "pods", "replicasets", "deployments" -> out.message(3, spec -> container(spec, name));
            case "events" -> event(out, namespace, name);
            case "services", "endpointslices" -> out.message(4, ep -> ep.string(1, ip())
                    .string(2, "node-" + random.nextInt(8))
                    .message(3, ref -> ref.string(1, "Pod").string(2, namespace)
                            .string(3, pick(APPS) + "-" + hex(5)).string(4, uid()))
                    .string(5, "true"));
            case "configmaps" -> out.string(2, configFile());
            case "secrets" -> out.string(2, base64Lines(256 + random.nextInt(4096)));
            case "leases" -> out.message(2, lease -> lease.string(1, name + "_" + uid()).raw("\020\017")
                    .string(3, timestamp()).string(4, timestamp()));
            case "minions" -> out.message(5, image -> image
                    .string(1, pick(IMAGES).replaceFirst(":.*", "@sha256:" + hex(64)))
                    .string(1, pick(IMAGES)).raw("\020" + (char) random.nextInt(128)));
            default -> out.message(1, rule -> rule.string(1, "").string(2, pick(RESOURCES)).string(2, pick(RESOURCES))
                    .string(3, VERBS.get(0)).string(3, VERBS.get(1)).string(3, VERBS.get(2)));
        }
    }

    private void container(Proto spec, String podName) {
        String image = pick(IMAGES);
        spec.string(1, pick(APPS)).string(2, image).string(3, "--config=/etc/app/config.yaml").string(3, "--v=2");
        for (int i = 0, n = 3 + random.nextInt(6); i < n; i++) {
            String env = ENV.get(random.nextInt(ENV.size()));
            spec.message(7, e -> e.string(1, env).string(2, envValue(env, podName)));
        }
        spec.message(8, res -> res.string(1, "cpu").string(2, (100 * (1 + random.nextInt(10))) + "m")
                .string(1, "memory").string(2, (64 << random.nextInt(5)) + "Mi"));
        spec.message(9, mount -> mount.string(1, "kube-api-access-" + hex(5))
                .string(3, "/var/run/secrets/kubernetes.io/serviceaccount").raw("\020\001"));
        spec.message(10, probe -> probe.string(1, "/healthz").raw("\020\220\037\030\005 \012"));
        spec.string(14, "IfNotPresent").string(13, "/dev/termination-log").string(20, "File");
        spec.message(21, status -> status.string(1, "containerd://" + hex(64))
                .string(2, image.replaceFirst(":.*", "@sha256:" + hex(64))).string(3, timestamp()));
    }

    private void event(Proto out, String namespace, String name) {
        String[] reason = pick(REASONS).split("\\|");
        String pod = pick(APPS) + "-" + hex(10) + "-" + hex(5);
        out.message(2, ref -> ref.string(1, "Pod").string(2, namespace).string(3, pod).string(4, uid())
                .string(5, "v1").string(6, Long.toString(100_000 + random.nextInt(900_000_000)))
                .string(7, "spec.containers{" + pick(APPS) + "}"));
        out.string(3, reason[0]).string(4, String.format(reason[1], namespace + "/" + pod, pick(IMAGES), pod));
        out.message(5, source -> source.string(1, "kubelet").string(2, "node-" + random.nextInt(8)));
        out.string(6, timestamp()).string(7, timestamp()).string(9, "Normal").string(12, "kubelet");
    }

    private String configFile() {
        StringBuilder text = new StringBuilder(1024);
        text.append("# generated by helm, do not edit\nserver:\n  port: ").append(8000 + random.nextInt(100))
                .append("\n  log-level: info\n");
        for (int i = 0, n = 4 + random.nextInt(12); i < n; i++) {
            String app = pick(APPS);
            text.append("  ").append(app).append(":\n    url: http://").append(app).append('.')
                    .append(pick(APPS)).append(".svc.cluster.local:").append(8000 + random.nextInt(1000))
                    .append("\n    timeout: ").append(1 + random.nextInt(30)).append("s\n    retries: ")
                    .append(random.nextInt(5)).append("\n    enabled: ").append(random.nextBoolean()).append('\n');
        }
        return text.toString();
    }

    private String fieldsV1(String resource) {
        return "{\"f:metadata\":{\"f:labels\":{\".\":{},"
                + "\"f:app.kubernetes.io/name\":{},\"f:app.kubernetes.io/instance\":{}},"
                + "\"f:ownerReferences\":{\".\":{},\"k:{\\\"uid\\\":\\\"" + uid() + "\\\"}\":{}}},"
                + (resource.equals("pods")
                        ? "\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"app\\\"}\":{\".\":{},\"f:env\":{},"
                                + "\"f:image\":{},\"f:imagePullPolicy\":{},\"f:name\":{},\"f:resources\":{}}}},"
                                + "\"f:status\":{\"f:conditions\":{\"k:{\\\"type\\\":\\\"Ready\\\"}\":{\".\":{},"
                                + "\"f:lastTransitionTime\":{},\"f:status\":{},\"f:type\":{}}},\"f:podIP\":{}}}"
                        : "\"f:data\":{}}");
    }

    private String envValue(String env, String podName) {
        return switch (env) {
            case "DATABASE_URL" -> "postgres://app@postgres.payments.svc.cluster.local:5432/app";
            case "POD_NAME" -> podName;
            case "JAVA_OPTS" -> "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError";
            case "LOG_LEVEL" -> "info";
            default -> pick(APPS) + "." + pick(APPS) + ".svc:" + (8000 + random.nextInt(1000));
        };
    }

    private String base64Lines(int chars) {
        StringBuilder text = new StringBuilder(chars + chars / 64 + 64).append("-----BEGIN CERTIFICATE-----\n");
        for (int i = 1; i <= chars; i++) {
            text.append(BASE64[random.nextInt(64)]);
            if (i % 64 == 0) {
                text.append('\n');
            }
        }
        return text.append("\n-----END CERTIFICATE-----\n").toString();
    }

    private String uid() {
        String hex = hex(32);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    private String hex(int chars) {
        char[] out = new char[chars];
        for (int i = 0; i < chars; i++) {
            out[i] = HEX[random.nextInt(16)];
        }
        return new String(out);
    }

    private String ip() {
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    private String timestamp() {
        return Instant.ofEpochSecond(EPOCH_SECONDS + random.nextInt(30 * 86_400)).toString();
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static String apiVersion(String resource) {
        return switch (resource) {
            case "replicasets", "deployments" -> "apps/v1";
            case "endpointslices" -> "discovery.k8s.io/v1";
            case "leases" -> "coordination.k8s.io/v1";
            case "rolebindings", "clusterroles" -> "rbac.authorization.k8s.io/v1";
            default -> "v1";
        };
    }

    private static String kind(String resource) {
        return switch (resource) {
            case "minions" -> "Node";
            case "services" -> "Service";
            case "endpointslices" -> "EndpointSlice";
            case "replicasets" -> "ReplicaSet";
            case "serviceaccounts" -> "ServiceAccount";
            case "rolebindings" -> "RoleBinding";
            case "clusterroles" -> "ClusterRole";
            default -> Character.toUpperCase(resource.charAt(0)) + resource.substring(1, resource.length() - 1);
        };
    }

    /**
     * Protobuf's wire shape, near enough: length-delimited fields (tag, varint length, bytes) and
     * nested messages. Chars stay below 256, so ISO-8859-1 maps each to one byte.
     */
    private static final class Proto {
        private final StringBuilder bytes = new StringBuilder(256);

        Proto raw(String raw) {
            bytes.append(raw);
            return this;
        }

        Proto string(int field, String value) {
            // Fields 1..31 only: the tag then fits the one byte protobuf gives it.
            bytes.append((char) (field << 3 | 2));
            for (int length = value.length(); ; length >>>= 7) {
                if (length < 0x80) {
                    bytes.append((char) length);
                    break;
                }
                bytes.append((char) (length & 0x7f | 0x80));
            }
            bytes.append(value);
            return this;
        }

        Proto message(int field, Consumer<Proto> body) {
            Proto nested = new Proto();
            body.accept(nested);
            return string(field, nested.bytes.toString());
        }

        int length() {
            return bytes.length();
        }

        byte[] bytes(int size) {
            return Arrays.copyOf(bytes.toString().getBytes(StandardCharsets.ISO_8859_1), size);
        }
    }
}
