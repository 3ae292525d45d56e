package io.lifeboat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ObjectDownloadTest {

    private static final S3Settings SETTINGS = new S3Settings("b", Optional.empty(), "us-east-1", true,
            Duration.ofMinutes(1));

    private final byte[] object = new byte[300_000];
    {
        new Random(1).nextBytes(object);
    }

    @Test
    void stream_connectionBreaksTwice_resumesWhereItBrokeAndDeliversEachByteOnce() {
        BreakingClient s3 = new BreakingClient(object, 2, "\"v1\"");

        byte[] received = join(new ObjectDownload(s3, SETTINGS, 3).stream("k"));

        assertThat(received).isEqualTo(object);
        assertThat(s3.requests).hasSize(3);
        assertThat(s3.requests.get(0).range()).isNull();
        assertThat(s3.requests.get(1).range()).isEqualTo("bytes=100000-");
        assertThat(s3.requests.get(1).ifMatch()).isEqualTo("\"v1\"");
        assertThat(s3.requests.get(2).range()).isEqualTo("bytes=200000-");
    }

    @Test
    void stream_breaksMoreOftenThanAllowed_failsWithStoreExceptionNamingTheKey() {
        BreakingClient s3 = new BreakingClient(object, 5, "\"v1\"");

        assertThatThrownBy(() -> join(new ObjectDownload(s3, SETTINGS, 1).stream("some/key")))
                .isInstanceOf(StoreException.class).hasMessageContaining("cannot read some/key in s3://b")
                .hasMessageContaining("connection reset");
    }

    @Test
    void stream_objectChangedBeforeResume_failsInsteadOfMixingVersions() {
        BreakingClient s3 = new BreakingClient(object, 1, "\"v1\"");
        s3.etagAfterFirst = "\"v2\"";

        assertThatThrownBy(() -> join(new ObjectDownload(s3, SETTINGS, 3).stream("k")))
                .isInstanceOf(StoreException.class).hasMessageContaining("412");
    }

    @Test
    void stream_missingKey_failsAsObjectNotFound() {
        InMemoryS3Client s3 = new InMemoryS3Client();

        assertThatThrownBy(() -> join(new ObjectDownload(s3, SETTINGS, 3).stream("nope")))
                .isInstanceOf(ObjectNotFoundException.class).hasMessageContaining("object nope is not in s3://b");
    }

    private static byte[] join(Flux<ByteBuffer> buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        buffers.toStream().forEach(b -> {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.writeBytes(bytes);
        });
        return out.toByteArray();
    }

    /** Serves ranges of one object in 10 KB buffers; the first {@code breaks} responses die after 100 KB. */
    private static final class BreakingClient implements S3AsyncClient {
        final List<GetObjectRequest> requests = new ArrayList<>();
        private final byte[] object;
        private final String etag;
        private int breaks;
        String etagAfterFirst;

        BreakingClient(byte[] object, int breaks, String etag) {
            this.object = object;
            this.breaks = breaks;
            this.etag = etag;
        }

        @Override
        public <T> CompletableFuture<T> getObject(GetObjectRequest request,
                                                  AsyncResponseTransformer<GetObjectResponse, T> transformer) {
            requests.add(request);
            String current = requests.size() > 1 && etagAfterFirst != null ? etagAfterFirst : etag;
            if (request.ifMatch() != null && !request.ifMatch().equals(current)) {
                return CompletableFuture.failedFuture(S3Exception.builder().statusCode(412)
                        .message("Precondition Failed (Service: S3, Status Code: 412)").build());
            }
            int from = request.range() == null ? 0 : Integer.parseInt(request.range().replaceAll("\\D", ""));
            List<ByteBuffer> chunks = new ArrayList<>();
            for (int i = from; i < object.length; i += 10_000) {
                chunks.add(ByteBuffer.wrap(object, i, Math.min(10_000, object.length - i)).slice());
            }
            Flux<ByteBuffer> body = Flux.fromIterable(chunks);
            if (breaks-- > 0) {
                body = body.take(10).concatWith(Flux.error(SdkClientException.create("connection reset")));
            }
            CompletableFuture<T> result = transformer.prepare();
            transformer.onResponse(GetObjectResponse.builder().eTag(current).build());
            transformer.onStream(SdkPublisher.adapt(body));
            return result;
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}
