package io.lifeboat.infra.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The manifests under {@code infra/kubernetes}, read with fabric8's serialization into its typed
 * model (no client, no cluster). Shared by {@link ManifestsTest} and {@link KustomizeIT}.
 */
final class Manifests {

    static final String NAMESPACE = "lifeboat";
    static final String NAME = "lifeboat";
    static final List<String> OVERLAYS = List.of("kubeadm-ha", "ramdisk-single-node", "k3s-rke2");

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private Manifests() {
    }

    /** {@code infra/kubernetes}, found by walking up from the working directory (the module or the repo root). */
    static Path root() {
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("infra/kubernetes");
            if (Files.isRegularFile(candidate.resolve("base/kustomization.yaml"))) {
                return candidate;
            }
        }
        throw new AssertionError("no infra/kubernetes/base/kustomization.yaml above " + dir);
    }

    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The non-empty YAML documents of a stream ({@code ---} separated, as kustomize prints them). */
    static List<String> documents(String yaml) {
        List<String> documents = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            boolean content = document.lines().map(String::strip)
                    .anyMatch(line -> !line.isEmpty() && !line.startsWith("#"));
            if (content) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** Every document as the typed fabric8 object its apiVersion and kind name; fails on a kind fabric8 does not know. */
    static List<HasMetadata> objects(String yaml, String source) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : documents(yaml)) {
            KubernetesResource parsed = Serialization.unmarshal(document);
            assertThat(parsed).as("a document of %s", source).isInstanceOf(HasMetadata.class);
            assertThat(parsed).as("%s: kind unknown to fabric8's typed model (a typo in apiVersion or kind?)", source)
                    .isNotInstanceOf(GenericKubernetesResource.class);
            List<String> unknown = new ArrayList<>();
            unknownFields(parsed, ((HasMetadata) parsed).getKind(), unknown);
            assertThat(unknown).as("%s: fields the Kubernetes API does not have (typos?)", source).isEmpty();
            objects.add((HasMetadata) parsed);
        }
        return objects;
    }

    /**
     * Collects the paths of fields fabric8 kept in an {@code additionalProperties} map, i.e. that
     * its model (the Kubernetes API) does not know: a misspelt field would otherwise be accepted
     * here and dropped or refused by the API server. Kustomize's {@code $patch} directive is the
     * one allowed extra.
     */
    private static void unknownFields(Object node, String path, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot read " + path + "." + getter.getName(), e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().stream()
                        .filter(key -> !key.equals("$patch"))
                        .forEach(key -> unknown.add(path + "." + key));
            } else if (!getter.getName().equals("getData") && !getter.getName().equals("getStringData")) {
                unknownFields(value, path + "." + Character.toLowerCase(getter.getName().charAt(3))
                        + getter.getName().substring(4), unknown);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String yaml) {
        return Serialization.unmarshal(yaml, Map.class);
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> kind) {
        List<T> found = ofKind(objects, kind);
        assertThat(found).as("objects of kind %s", kind.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    static Container container(DaemonSet daemonSet) {
        List<Container> containers = daemonSet.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(Container::getName).containsExactly(NAME);
        return containers.get(0);
    }

    static String setting(ConfigMap config, String key) {
        assertThat(config.getData()).as("ConfigMap %s", config.getMetadata().getName()).containsKey(key);
        return config.getData().get(key);
    }
}
