package io.lifeboat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The store's S3 client talks to the configured endpoint and to no other: checked on the client's own
 * resolved configuration, not on the network (nothing here sends a request).
 */
class S3EndpointTest {

    @Test
    void client_validEndpoint_resolvesToExactlyThatEndpoint() {
        try (ApplicationContext context = ApplicationContext.run(settings("http://127.0.0.1:24900"))) {
            S3ObjectStore store = (S3ObjectStore) context.getBean(ObjectStore.class);

            assertThat(store.endpoint()).contains(URI.create("http://127.0.0.1:24900"));
        }
    }

    @Test
    void client_endpointWithTrailingSpace_isNeverBuiltAndStartupNamesTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(settings("http://127.0.0.1:24900 ")))
                .rootCause().hasMessageContaining("lifeboat.s3.endpoint = 'http://127.0.0.1:24900 '");
    }

    @Test
    void client_endpointWithoutScheme_isNeverBuiltAndStartupNamesTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(settings("127.0.0.1:24900")))
                .rootCause().hasMessageContaining("lifeboat.s3.endpoint");
    }

    private static Map<String, Object> settings(String endpoint) {
        return Map.of("lifeboat.s3.bucket", "b", "lifeboat.s3.endpoint", endpoint, "lifeboat.s3.sweep-on-start", "false",
                "lifeboat.schedule.enabled", "false", "aws.accessKeyId", "unit", "aws.secretAccessKey", "unit");
    }
}
