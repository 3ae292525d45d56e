package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {

    @Test
    void advanced_atATerminal_drawsBytesRateAndTimeLeftInPlace() {
        StringWriter err = new StringWriter();
        ProgressMeter meter = ProgressMeter.of(cli(err, true), ProgressMeter.Mode.auto);

        meter.advanced(1L << 20, 4L << 20);
        meter.advanced(4L << 20, 4L << 20);
        meter.done();

        assertThat(err.toString()).startsWith("\r1.0 MiB / 4.0 MiB  ").contains("/s  ETA ")
                .contains("\r4.0 MiB / 4.0 MiB").endsWith(System.lineSeparator());
    }

    @Test
    void advanced_notATerminal_drawsNothing() {
        StringWriter err = new StringWriter();
        ProgressMeter meter = ProgressMeter.of(cli(err, false), ProgressMeter.Mode.auto);

        meter.advanced(1L << 20, 4L << 20);
        meter.done();

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void advanced_always_drawsEvenWithoutATerminal() {
        StringWriter err = new StringWriter();

        ProgressMeter.of(cli(err, false), ProgressMeter.Mode.always).advanced(10, 10);

        assertThat(err.toString()).contains("10 B / 10 B");
    }

    @Test
    void table_alignsNumbersRightAndBoxesLikeEtcdctl() {
        StringWriter out = new StringWriter();

        new Table("HASH", "REVISION>").row("abc", 7).row("d", 12345).printBoxed(new PrintWriter(out, true));

        assertThat(out.toString().lines().toList()).containsExactly(
                "+------+----------+",
                "| HASH | REVISION |",
                "+------+----------+",
                "| abc  |        7 |",
                "| d    |    12345 |",
                "+------+----------+");
    }

    private static Cli cli(StringWriter err, boolean terminal) {
        return new Cli(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err, true), terminal);
    }
}
