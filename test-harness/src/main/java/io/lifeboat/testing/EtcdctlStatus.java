package io.lifeboat.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * etcd's own view of a snapshot file ({@code snapshot status -w json}): the reference the
 * lifeboat bbolt reader must reproduce.
 *
 * @param hash       crc32 of the db's buckets and keys, as etcd computes it
 * @param revision   the newest revision in the snapshot
 * @param totalKey   keys in all buckets (every stored revision, not just live keys)
 * @param totalSize  size of the db file in bytes
 */
public record EtcdctlStatus(long hash, long revision, long totalKey, long totalSize) {

    private static final Pattern NUMBER_FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\\d+)");

    /**
     * Parses {"hash":..,"revision":..,"totalKey":..,"totalSize":..} (etcdutl 3.5+ adds a
     * "version" string, ignored). Strict: all four numbers must be present.
     */
    static EtcdctlStatus parse(String json) {
        Map<String, Long> fields = new HashMap<>();
        Matcher matcher = NUMBER_FIELD.matcher(json);
        while (matcher.find()) {
            fields.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        for (String required : new String[] {"hash", "revision", "totalKey", "totalSize"}) {
            if (!fields.containsKey(required)) {
                throw new IllegalArgumentException("snapshot status output has no numeric '"
                        + required + "': " + json.strip());
            }
        }
        return new EtcdctlStatus(fields.get("hash"), fields.get("revision"), fields.get("totalKey"),
                fields.get("totalSize"));
    }
}
