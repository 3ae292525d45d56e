package io.lifeboat.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.catalog.BucketLayout;
import io.lifeboat.failure.FailureKind;
import io.lifeboat.lifecycle.LifecycleRules;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Answers a real server cannot be made to give: no configuration at all, and no lifecycle support. */
class BucketLifecycleTest {

    private static final S3Settings SETTINGS =
            new S3Settings("lifeboat", Optional.empty(), "us-east-1", true, Duration.ofSeconds(30));
    private static final BucketLayout PROD = new BucketLayout("", "prod");

    @Test
    void rules_noSuchLifecycleConfiguration_isNoRules() {
        BucketLifecycle lifecycle = new BucketLifecycle(new S3ObjectStore(answering(404, "NoSuchLifecycleConfiguration"), SETTINGS));

        StepVerifier.create(lifecycle.plan(LifecycleRules.forCluster(PROD, List.of()),
                        id -> LifecycleRules.isOurs(id, PROD), PROD.snapshotsPrefix()))
                .assertNext(plan -> {
                    assertThat(plan.current()).isEmpty();
                    assertThat(plan.added()).hasSize(1);
                })
                .verifyComplete();
    }

    @Test
    void rules_storeWithoutLifecycleSupport_failsAsUnreachableStoreSayingSo() {
        BucketLifecycle lifecycle = new BucketLifecycle(new S3ObjectStore(answering(501, "NotImplemented"), SETTINGS));

        StepVerifier.create(lifecycle.rules())
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(StoreException.class)
                            .hasMessageContaining("does not implement lifecycle configuration (NotImplemented)");
                    assertThat(FailureKind.of(e)).isEqualTo(FailureKind.STORE_UNAVAILABLE);
                })
                .verify();
    }

    private static S3AsyncClient answering(int status, String code) {
        return new S3AsyncClient() {
            @Override
            public CompletableFuture<GetBucketLifecycleConfigurationResponse> getBucketLifecycleConfiguration(
                    GetBucketLifecycleConfigurationRequest request) {
                return CompletableFuture.failedFuture(S3Exception.builder().statusCode(status)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).message(code).build());
            }

            @Override
            public String serviceName() {
                return "s3";
            }

            @Override
            public void close() {
            }
        };
    }
}
