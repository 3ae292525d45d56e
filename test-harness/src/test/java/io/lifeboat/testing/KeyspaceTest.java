package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyspaceTest {

    @Test
    void next_sameSeed_producesTheSameOperations() {
        Keyspace first = new Keyspace(42);
        Keyspace second = new Keyspace(42);

        for (int i = 0; i < 2_000; i++) {
            Keyspace.Op a = first.next();
            Keyspace.Op b = second.next();
            assertThat(b.key()).isEqualTo(a.key());
            assertThat(Arrays.equals(a.value(), b.value())).as("value of op %d", i).isTrue();
        }
    }

    @Test
    void next_differentSeeds_produceDifferentKeys() {
        assertThat(new Keyspace(1).next().key()).isNotEqualTo(new Keyspace(2).next().key());
    }

    @Test
    void next_manyOperations_mixesCreatesUpdatesAndDeletesUnderRegistry() {
        Keyspace keyspace = new Keyspace(7);
        Set<String> seen = new HashSet<>();
        int creates = 0;
        int updates = 0;
        int deletes = 0;
        for (int i = 0; i < 20_000; i++) {
            Keyspace.Op op = keyspace.next();
            assertThat(op.key()).startsWith("/registry/");
            if (op.isDelete()) {
                assertThat(seen).as("deleted key was created before").contains(op.key());
                deletes++;
            } else if (seen.add(op.key())) {
                creates++;
            } else {
                updates++;
            }
        }
        assertThat(creates).isBetween(13_000, 14_500);
        assertThat(updates).isBetween(4_200, 5_400);
        assertThat(deletes).isBetween(1_300, 1_900);
    }

    @Test
    void next_valueSizes_stayWithin100BAnd100KiBAndAreMostlySmall() {
        Keyspace keyspace = new Keyspace(3);
        List<Integer> sizes = new ArrayList<>();
        while (sizes.size() < 20_000) {
            Keyspace.Op op = keyspace.next();
            if (!op.isDelete()) {
                sizes.add(op.value().length);
            }
        }
        sizes.sort(null);

        assertThat(sizes.get(0)).isGreaterThanOrEqualTo(100);
        assertThat(sizes.get(sizes.size() - 1)).isLessThanOrEqualTo(100 * 1024).isGreaterThan(50 * 1024);
        assertThat(sizes.get(sizes.size() / 2)).as("median").isBetween(300, 3_000);
    }

    @Test
    void key_clusterScopedKind_hasNoNamespaceSegment() {
        assertThat(ResourceKind.NODES.key("default", "node-1")).isEqualTo("/registry/minions/node-1");
        assertThat(ResourceKind.PODS.key("default", "web-1")).isEqualTo("/registry/pods/default/web-1");
    }
}
