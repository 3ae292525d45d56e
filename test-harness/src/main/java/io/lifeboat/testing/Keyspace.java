package io.lifeboat.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sequence of writes a fill sends: a pure function of the seed. Mostly creates, with updates
 * of live keys (history: several revisions per key) and deletes (tombstones, and free pages once
 * compacted), like a cluster with churning pods and events.
 */
final class Keyspace {

    /** A put (value present) or a delete (value null). Values are never logged. */
    record Op(String key, byte[] value) {

        boolean isDelete() {
            return value == null;
        }

        /** Bytes on the wire, near enough, for the in-flight bound. */
        int sizeInBytes() {
            return key.length() + (value == null ? 0 : value.length);
        }

        byte[] keyBytes() {
            return key.getBytes(StandardCharsets.UTF_8);
        }
    }

    static final int CREATE_PERCENT = 68;
    static final int UPDATE_PERCENT = 24;
    private static final int MIN_LIVE_BEFORE_CHURN = 100;
    private static final char[] NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

    private final SplittableRandom random;
    private final List<String> liveKeys = new ArrayList<>();
    private final List<ResourceKind> liveKinds = new ArrayList<>();
    private long created;

    Keyspace(long seed) {
        this.random = new SplittableRandom(seed);
    }

    Op next() {
        int dice = random.nextInt(100);
        if (liveKeys.size() < MIN_LIVE_BEFORE_CHURN || dice < CREATE_PERCENT) {
            return create();
        }
        int index = random.nextInt(liveKeys.size());
        if (dice < CREATE_PERCENT + UPDATE_PERCENT) {
            return new Op(liveKeys.get(index), value(liveKinds.get(index)));
        }
        return new Op(removeLive(index), null);
    }

    private Op create() {
        ResourceKind kind = ResourceKind.pick(random);
        String namespace = ResourceKind.NAMESPACES_IN_USE.get(
                random.nextInt(ResourceKind.NAMESPACES_IN_USE.size()));
        // Like generated names (web-7c9d-x2k9p); the counter keeps every created key unique.
        String name = kind.name().toLowerCase() + "-" + Long.toString(created++, 36) + "-" + suffix();
        String key = kind.key(namespace, name);
        liveKeys.add(key);
        liveKinds.add(kind);
        return new Op(key, value(kind));
    }

    /** Swap-remove: O(1), and the order of the live list does not matter. */
    private String removeLive(int index) {
        int last = liveKeys.size() - 1;
        String key = liveKeys.get(index);
        liveKeys.set(index, liveKeys.get(last));
        liveKinds.set(index, liveKinds.get(last));
        liveKeys.remove(last);
        liveKinds.remove(last);
        return key;
    }

    private String suffix() {
        char[] chars = new char[5];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = NAME_CHARS[random.nextInt(NAME_CHARS.length)];
        }
        return new String(chars);
    }

    /** Random bytes: incompressible, so compressed sizes in tests are worst case. */
    private byte[] value(ResourceKind kind) {
        byte[] value = new byte[kind.valueSize(random)];
        int i = 0;
        while (i < value.length) {
            long bits = random.nextLong();
            for (int b = 0; b < 8 && i < value.length; b++, bits >>>= 8) {
                value[i++] = (byte) bits;
            }
        }
        return value;
    }
}
