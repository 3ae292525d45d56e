package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.restore.ArchivedSnapshotException;
import io.lifeboat.store.ObjectHead;
import io.lifeboat.store.ObjectStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * {@code --request-thaw}: S3Mock and S3Proxy have no archive classes, so the two calls it makes
 * (HEAD, RestoreObject) are answered by a stand-in store that records the thaws asked for.
 */
class ThawOptionsTest {

    private static final String KEY = "prod/snapshots/2026/01/01/20260101T000000Z-abcd1234.db.zst";

    private final List<String> thaws = new ArrayList<>();
    private final StringWriter err = new StringWriter();

    @Test
    void requestThaw_frozenObject_asksS3ForACopy_andStopsWithExit11AndWhenToRetry() {
        ThawOptions options = options(true, 5);

        assertThatThrownBy(() -> options.beforeDownload(store(ObjectHead.Archive.FROZEN), KEY, "20260101T000000Z-r9",
                new PrintWriter(err, true)))
                .isInstanceOf(ArchivedSnapshotException.class)
                .hasMessageContaining("requested for 5 day(s)").hasMessageContaining("run this command again")
                .satisfies(e -> assertThat(FailureKind.of(e).exitCode()).isEqualTo(11));
        assertThat(thaws).containsExactly(KEY + " for 5 days");
    }

    @Test
    void requestThaw_thawUnderWay_asksNothingMore_andSaysToWait() {
        assertThatThrownBy(() -> options(true, 3).beforeDownload(store(ObjectHead.Archive.THAWING), KEY, "id",
                new PrintWriter(err, true)))
                .isInstanceOf(ArchivedSnapshotException.class).hasMessageContaining("already under way");
        assertThat(thaws).isEmpty();
    }

    @Test
    void requestThaw_readableObject_goesOnWithANote() {
        options(true, 3).beforeDownload(store(ObjectHead.Archive.THAWED), KEY, "id", new PrintWriter(err, true));

        assertThat(thaws).isEmpty();
        assertThat(err.toString()).contains("no thaw needed");
    }

    @Test
    void withoutTheFlag_nothingIsAsked_theDownloadItselfRefusesAnArchivedObject() {
        options(false, 3).beforeDownload(store(ObjectHead.Archive.FROZEN), KEY, "id", new PrintWriter(err, true));

        assertThat(thaws).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void thawDaysBelowOne_isAUsageError() {
        assertThatThrownBy(() -> options(true, 0).beforeDownload(store(ObjectHead.Archive.FROZEN), KEY, "id",
                new PrintWriter(err, true)))
                .satisfies(e -> assertThat(FailureKind.of(e)).isEqualTo(FailureKind.CONFIGURATION));
        assertThat(thaws).isEmpty();
    }

    private static ThawOptions options(boolean request, int days) {
        ThawOptions options = new ThawOptions();
        options.requestThaw = request;
        options.thawDays = days;
        return options;
    }

    /** Answers head and requestThaw; any other call is a test failure. */
    private ObjectStore store(ObjectHead.Archive archive) {
        return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "head" -> Mono.just(new ObjectHead((String) args[0], 100, "\"e\"", "GLACIER", archive));
                    case "requestThaw" -> Mono.fromRunnable(() -> thaws.add(args[0] + " for " + args[1] + " days"));
                    default -> throw new AssertionError("unexpected call " + method.getName());
                });
    }
}
