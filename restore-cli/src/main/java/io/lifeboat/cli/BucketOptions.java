package io.lifeboat.cli;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.store.EndpointUrl;
import io.lifeboat.store.S3Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the bucket is: each flag, else the service's environment variable, else the default.
 * Read only when a command runs, so {@code --help} never touches the AWS SDK.
 */
final class BucketOptions {

    /** One S3 call (a ranged or whole GET included) gives up after this; reads are also bounded by Netty's read timeout. */
    static final Duration API_CALL_TIMEOUT = Duration.ofHours(1);

    @Option(names = "--bucket", paramLabel = "NAME", description = "S3 bucket (env LIFEBOAT_S3_BUCKET; required).")
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX",
            description = "Folder inside the bucket (env LIFEBOAT_S3_PREFIX; default none).")
    String prefix;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "S3-compatible endpoint, e.g. http://minio:9000 (env LIFEBOAT_S3_ENDPOINT; default AWS).")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Signing region (env LIFEBOAT_S3_REGION; default us-east-1).")
    String region;

    @Option(names = "--path-style", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
            description = "Address the bucket as endpoint/bucket, as MinIO and Ceph need"
                    + " (env LIFEBOAT_S3_PATH_STYLE; default false).")
    String pathStyle;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "Cluster name: snapshots live under <prefix>/<cluster>/ (env LIFEBOAT_CLUSTER; default default).")
    String cluster;

    S3Settings settings(Map<String, String> env) {
        String bucketName = pick(bucket, env, "LIFEBOAT_S3_BUCKET", "");
        if (bucketName.isBlank()) {
            throw new IllegalArgumentException("no bucket: pass --bucket or set LIFEBOAT_S3_BUCKET");
        }
        String endpointText = pick(endpoint, env, "LIFEBOAT_S3_ENDPOINT", "");
        Optional<URI> endpointUri = Optional.empty();
        if (endpoint != null || env.containsKey("LIFEBOAT_S3_ENDPOINT")) {
            // Strict, as in the service: a URL the SDK cannot use would send the request to AWS instead.
            endpointUri = Optional.of(EndpointUrl.parse("--endpoint / LIFEBOAT_S3_ENDPOINT", endpointText, false));
        }
        return new S3Settings(bucketName.trim(), endpointUri, pick(region, env, "LIFEBOAT_S3_REGION", "us-east-1"),
                bool(pick(pathStyle, env, "LIFEBOAT_S3_PATH_STYLE", "false")), API_CALL_TIMEOUT);
    }

    BucketLayout layout(Map<String, String> env) {
        return new BucketLayout(pick(prefix, env, "LIFEBOAT_S3_PREFIX", ""), pick(cluster, env, "LIFEBOAT_CLUSTER",
                "default"));
    }

    private static String pick(String flag, Map<String, String> env, String variable, String fallback) {
        if (flag != null) {
            return flag;
        }
        String value = env.get(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("--path-style / LIFEBOAT_S3_PATH_STYLE must be true or false,"
                    + " was '" + text + "'");
        };
    }
}
