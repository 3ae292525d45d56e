package io.lifeboat.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotIdTest {

    private static final Instant T = Instant.parse("2026-11-21T23:15:00Z");

    @Test
    void toString_givesCompactUtcTimeThenRevision() {
        assertThat(new SnapshotId(T, 1_234_567)).hasToString("20261121T231500Z-r1234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20261121T231500Z-r1234567", "19700101T000000Z-r0", "20240229T235959Z-r9223372036854775807"})
    void parse_formattedText_roundTrips(String text) {
        SnapshotId id = SnapshotId.parse(text);

        assertThat(id).hasToString(text);
        assertThat(SnapshotId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void parse_readsTimeAndRevision() {
        assertThat(SnapshotId.parse("20261121T231500Z-r42")).isEqualTo(new SnapshotId(T, 42));
    }

    @Test
    void construct_subSecondTime_truncatesToTheSecond() {
        SnapshotId id = new SnapshotId(Instant.parse("2026-11-21T23:15:00.999999999Z"), 7);

        assertThat(id.time()).isEqualTo(T);
        assertThat(id).isEqualTo(new SnapshotId(T, 7));
    }

    @Test
    void compareTo_sortsByTimeThenRevision() {
        SnapshotId first = new SnapshotId(T, 900);
        SnapshotId sameSecondHigherRevision = new SnapshotId(T, 1000);
        SnapshotId nextSecondLowerRevision = new SnapshotId(T.plusSeconds(1), 5);
        SnapshotId nextDay = new SnapshotId(T.plusSeconds(86_400), 1);
        List<SnapshotId> ids = new ArrayList<>(List.of(nextDay, sameSecondHigherRevision, nextSecondLowerRevision, first));

        Collections.sort(ids);

        assertThat(ids).containsExactly(first, sameSecondHigherRevision, nextSecondLowerRevision, nextDay);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "20261121T231500Z-1234567",      // no 'r'
        "20261121T231500Z-r",            // no revision digits
        "20261121T231500Z",              // no revision at all
        "2026-11-21T23:15:00Z-r1",       // ISO-8601 instead of the compact form
        "20261121T231500-r1",            // no 'Z'
        "20261121t231500z-r1",           // lowercase separators
        "20261121T231500Z-r1.json",      // trailing junk
        "20261121T231500Z-r1 ",          // trailing space
        " 20261121T231500Z-r1",          // leading space
        "20261121T231500Z-r-1",          // negative revision
        "20261121T231500Z-r99999999999999999999", // more than 19 digits
        ""})
    void parse_malformedText_failsNamingTheExpectedShape(String text) {
        assertThatThrownBy(() -> SnapshotId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a snapshot id: '" + text + "'")
                .hasMessageContaining("20261121T231500Z-r1234567");
    }

    @Test
    void parse_null_failsNamingTheExpectedShape() {
        assertThatThrownBy(() -> SnapshotId.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a snapshot id")
                .hasMessageContaining("20261121T231500Z-r1234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20261321T231500Z-r1", "20261100T231500Z-r1", "20261121T236000Z-r1", "20261121T231560Z-r1"})
    void parse_impossibleDateOrTimeField_isRejected(String text) {
        assertThatThrownBy(() -> SnapshotId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a snapshot id: '" + text + "'");
    }

    // A strict parser must not "fix" a date: the id names an object; a silently shifted
    // time would point at another snapshot.
    @ParameterizedTest
    @ValueSource(strings = {"20260230T000000Z-r1", "20261131T120000Z-r1", "20261121T240000Z-r1"})
    void parse_dateThatDoesNotExist_isRejectedNotShifted(String text) {
        assertThatThrownBy(() -> SnapshotId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a snapshot id: '" + text + "'");
    }

    // Two texts for one id would make two manifest keys for one snapshot.
    @Test
    void parse_revisionWithLeadingZeros_isRejectedAsNonCanonical() {
        assertThatThrownBy(() -> SnapshotId.parse("20261121T231500Z-r0042"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a snapshot id");
    }

    @Test
    void parse_revisionBeyondLongRange_isRejected() {
        assertThatThrownBy(() -> SnapshotId.parse("20261121T231500Z-r9223372036854775808"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a snapshot id: '20261121T231500Z-r9223372036854775808'");
    }

    @Test
    void construct_negativeRevision_isRejectedWithTheValue() {
        assertThatThrownBy(() -> new SnapshotId(T, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revision must be >= 0, was -1");
    }

    @Test
    void construct_nullTime_isRejected() {
        assertThatThrownBy(() -> new SnapshotId(null, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("time");
    }

    @Test
    void timeText_isUtcWhateverTheInstant() {
        assertThat(SnapshotId.timeText(Instant.parse("2026-12-31T23:59:59.999Z"))).isEqualTo("20261231T235959Z");
    }
}
