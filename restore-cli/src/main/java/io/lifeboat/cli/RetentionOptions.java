package io.lifeboat.cli;

import io.lifeboat.retention.RetentionPolicy;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The retention policy, with the service's setting names: each {@code --keep-*} flag, else
 * {@code LIFEBOAT_RETENTION_KEEP_*} (what Micronaut maps {@code lifeboat.retention.keep-*} from),
 * else {@link RetentionPolicy#DEFAULT}. So a CLI run on the operator's shell with the service's
 * environment decides exactly as the service does.
 */
final class RetentionOptions {

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the newest N snapshots"
            + " (env LIFEBOAT_RETENTION_KEEP_LAST; default 10).")
    Integer keepLast;

    @Option(names = "--keep-hourly", paramLabel = "N", description = "Keep the newest snapshot of each of the N"
            + " most recent hours that have one (env LIFEBOAT_RETENTION_KEEP_HOURLY; default 24).")
    Integer keepHourly;

    @Option(names = "--keep-daily", paramLabel = "N", description = "Likewise days"
            + " (env LIFEBOAT_RETENTION_KEEP_DAILY; default 31).")
    Integer keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "Likewise ISO weeks"
            + " (env LIFEBOAT_RETENTION_KEEP_WEEKLY; default 8).")
    Integer keepWeekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "Likewise months"
            + " (env LIFEBOAT_RETENTION_KEEP_MONTHLY; default 12).")
    Integer keepMonthly;

    @Option(names = "--keep-yearly", paramLabel = "N", description = "Likewise years"
            + " (env LIFEBOAT_RETENTION_KEEP_YEARLY; default 0).")
    Integer keepYearly;

    @Option(names = "--retention-zone", paramLabel = "ZONE", description = "Time zone of hours, days, weeks,"
            + " months and years, e.g. Europe/Berlin (env LIFEBOAT_RETENTION_ZONE; default UTC).")
    String zone;

    /** @throws IllegalArgumentException naming the flag and variable for a bad value */
    RetentionPolicy policy(Map<String, String> env) {
        RetentionPolicy d = RetentionPolicy.DEFAULT;
        return new RetentionPolicy(
                count("--keep-last", keepLast, env, "LIFEBOAT_RETENTION_KEEP_LAST", d.keepLast()),
                count("--keep-hourly", keepHourly, env, "LIFEBOAT_RETENTION_KEEP_HOURLY", d.keepHourly()),
                count("--keep-daily", keepDaily, env, "LIFEBOAT_RETENTION_KEEP_DAILY", d.keepDaily()),
                count("--keep-weekly", keepWeekly, env, "LIFEBOAT_RETENTION_KEEP_WEEKLY", d.keepWeekly()),
                count("--keep-monthly", keepMonthly, env, "LIFEBOAT_RETENTION_KEEP_MONTHLY", d.keepMonthly()),
                count("--keep-yearly", keepYearly, env, "LIFEBOAT_RETENTION_KEEP_YEARLY", d.keepYearly()),
                zone(env, d.zone()));
    }

    private static int count(String flag, Integer value, Map<String, String> env, String variable, int fallback) {
        String text = value != null ? value.toString() : env.get(variable);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int count = Integer.parseInt(text.trim());
            if (count < 0) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " / " + variable + " must be a whole number >= 0, was '" + text + "'");
        }
    }

    private ZoneId zone(Map<String, String> env, ZoneId fallback) {
        String text = zone != null ? zone : env.get("LIFEBOAT_RETENTION_ZONE");
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--retention-zone / LIFEBOAT_RETENTION_ZONE must be a time zone such as"
                    + " UTC or Europe/Berlin, was '" + text + "'");
        }
    }
}
