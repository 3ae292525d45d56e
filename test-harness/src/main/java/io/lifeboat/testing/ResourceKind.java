package io.lifeboat.testing;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Kubernetes object kinds as the API server stores them under /registry, with a weight (how
 * common) and a value size range. Sizes are drawn log-uniformly and skewed to the small end:
 * most objects are a few hundred bytes to a few KiB, a few ConfigMaps and Secrets (Helm
 * releases, bundles) approach 100 KiB, as in real clusters.
 */
enum ResourceKind {
    EVENTS("events", true, 26, 300, 2_000),
    PODS("pods", true, 18, 1_000, 16_000),
    REPLICASETS("replicasets", true, 8, 1_000, 8_000),
    DEPLOYMENTS("deployments", true, 5, 1_000, 12_000),
    SERVICES("services/specs", true, 4, 400, 3_000),
    ENDPOINTSLICES("endpointslices", true, 5, 300, 20_000),
    CONFIGMAPS("configmaps", true, 8, 100, 100 * 1024),
    SECRETS("secrets", true, 8, 100, 100 * 1024),
    LEASES("leases", true, 5, 200, 600),
    SERVICEACCOUNTS("serviceaccounts", true, 5, 200, 1_000),
    ROLEBINDINGS("rolebindings", true, 3, 300, 1_500),
    // Cluster-scoped kinds have no namespace segment: /registry/minions/<node>.
    NODES("minions", false, 1, 4_000, 40_000),
    NAMESPACES("namespaces", false, 1, 200, 800),
    CLUSTERROLES("clusterroles", false, 3, 300, 8_000);

    static final List<String> NAMESPACES_IN_USE = List.of("default", "kube-system", "kube-public",
            "kube-node-lease", "monitoring", "ingress-nginx", "cert-manager", "team-a", "team-b",
            "team-c", "payments", "search");

    private static final ResourceKind[] VALUES = values();
    private static final int TOTAL_WEIGHT = java.util.Arrays.stream(VALUES).mapToInt(k -> k.weight).sum();

    /** Exponent on the uniform draw: 2.5 puts the median size near min x (max/min)^0.18. */
    private static final double SMALL_SKEW = 2.5;

    private final String resource;
    private final boolean namespaced;
    private final int weight;
    private final int minBytes;
    private final int maxBytes;

    ResourceKind(String resource, boolean namespaced, int weight, int minBytes, int maxBytes) {
        this.resource = resource;
        this.namespaced = namespaced;
        this.weight = weight;
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
    }

    static ResourceKind pick(SplittableRandom random) {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (ResourceKind kind : VALUES) {
            ticket -= kind.weight;
            if (ticket < 0) {
                return kind;
            }
        }
        throw new AssertionError("weights exhausted");
    }

    /** {@code /registry/<resource>/<namespace>/<name>} or, cluster-scoped, without namespace. */
    String key(String namespace, String name) {
        return namespaced
                ? "/registry/" + resource + "/" + namespace + "/" + name
                : "/registry/" + resource + "/" + name;
    }

    int valueSize(SplittableRandom random) {
        double skewed = Math.pow(random.nextDouble(), SMALL_SKEW);
        return (int) Math.round(minBytes * Math.pow((double) maxBytes / minBytes, skewed));
    }

    int minBytes() {
        return minBytes;
    }

    int maxBytes() {
        return maxBytes;
    }
}
