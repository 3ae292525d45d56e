package io.lifeboat.infra.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What systemd-analyze cannot know: the decisions in lifeboat's units (a failed restore fails
 * kubelet, the stop timeout covers the shutdown backup, the mount is private) and that the
 * example settings name real lifeboat keys.
 */
class UnitFilesTest {

    @Test
    void kubeletDropIn_restoresBeforeAndBacksUpAfter_andAFailedRestoreStopsKubelet() throws IOException {
        Map<String, List<String>> dropIn = parse(Repo.systemd().resolve("kubelet.service.d/10-lifeboat.conf"));

        // No "-" (ignore failure) or "+"/"!" prefixes: boot-restore's exit code decides.
        assertThat(dropIn.get("Service.ExecStartPre")).containsExactly("/usr/local/lib/lifeboat/boot-restore");
        assertThat(dropIn.get("Service.ExecStopPost")).containsExactly("-/usr/local/lib/lifeboat/shutdown-backup");
        assertThat(dropIn.get("Unit.RequiresMountsFor")).containsExactly("/var/lib/etcd");
        assertThat(words(dropIn.get("Unit.After"))).contains("network-online.target", "containerd.service");
        assertThat(words(dropIn.get("Unit.Wants"))).contains("network-online.target", "containerd.service");
    }

    @Test
    void kubeletStopTimeout_leavesTheShutdownBackupItsDeadlineLockWaitAndAMargin() throws IOException {
        Map<String, List<String>> dropIn = parse(Repo.systemd().resolve("kubelet.service.d/10-lifeboat.conf"));
        String backupOnce = Files.readString(Repo.script("backup-once"));

        Duration stop = duration(single(dropIn, "Service.TimeoutStopSec"));
        Duration deadline = duration(scriptDefault(backupOnce, "LIFEBOAT_SHUTDOWN_BACKUP_DEADLINE"));
        Duration lockWait = duration(scriptDefault(backupOnce, "LIFEBOAT_SHUTDOWN_LOCK_WAIT"));

        // JVM start, the abort of an upload cut off by the deadline, the retention pass.
        assertThat(stop).isGreaterThanOrEqualTo(deadline.plus(lockWait).plusSeconds(30));
        assertThat(stop).isGreaterThan(Duration.ofSeconds(90)); // systemd's DefaultTimeoutStopSec
    }

    @Test
    void mount_isTheKubeadmDataDir_private_andBeforeKubelet() throws IOException {
        Map<String, List<String>> mount = parse(Repo.systemd().resolve("var-lib-etcd.mount"));

        assertThat(single(mount, "Mount.Where")).isEqualTo("/var/lib/etcd"); // and so the unit's name
        assertThat(single(mount, "Mount.Type")).isEqualTo("tmpfs");
        assertThat(List.of(single(mount, "Mount.Options").split(","))).contains("mode=0700")
                .anyMatch(option -> option.matches("size=\\d+[kmg]"));
        assertThat(words(mount.get("Unit.Before"))).contains("kubelet.service");
    }

    @Test
    void readme_fstabLine_mountsWhatTheMountUnitMounts() throws IOException {
        Map<String, List<String>> mount = parse(Repo.systemd().resolve("var-lib-etcd.mount"));
        String readme = Files.readString(Repo.systemd().resolve("README.md"));

        Matcher fstab = Pattern.compile("(?m)^tmpfs\\s+/var/lib/etcd\\s+tmpfs\\s+(\\S+)\\s+0\\s+0$").matcher(readme);
        assertThat(fstab.find()).as("an fstab line in infra/systemd/README.md").isTrue();
        List<String> fstabOptions = List.of(fstab.group(1).split(","));
        assertThat(fstabOptions).containsAll(List.of(single(mount, "Mount.Options").split(",")));
    }

    @Test
    void timer_everyFiveMinutes_noCatchUp_smallJitter() throws IOException {
        Map<String, List<String>> timer = parse(Repo.systemd().resolve("lifeboat-backup.timer"));
        Map<String, List<String>> service = parse(Repo.systemd().resolve("lifeboat-backup.service"));

        assertThat(single(timer, "Timer.OnCalendar")).isEqualTo("*:0/5");
        assertThat(single(timer, "Timer.Persistent")).isEqualTo("false");
        assertThat(duration(single(timer, "Timer.RandomizedDelaySec"))).isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(single(service, "Service.Type")).isEqualTo("oneshot");
        assertThat(single(service, "Service.ExecStart")).isEqualTo("/usr/local/lib/lifeboat/backup-once");
        assertThat(single(service, "Service.SuccessExitStatus")).isEqualTo("9");
        assertThat(single(service, "Service.Nice")).as("below its own cgroup's others").isEqualTo("10");
        assertThat(single(service, "Service.IOSchedulingClass")).as("below etcd's fsyncs").isEqualTo("idle");
    }

    @Test
    void backup_runsInLifeboatsSlice_weighedBelowEtcdsPodsAndTheSystemsServices() throws IOException {
        Map<String, List<String>> service = parse(Repo.systemd().resolve("lifeboat-backup.service"));
        Map<String, List<String>> slice = parse(Repo.systemd().resolve("lifeboat.slice"));

        assertThat(single(service, "Service.Slice")).isEqualTo("lifeboat.slice");
        // Nice cannot reach etcd's static pod in kubepods.slice; the slices' weights can.
        // systemd's default weight, which system.slice has, is 100.
        assertThat(Integer.parseInt(single(slice, "Slice.CPUWeight"))).isLessThan(100).isEqualTo(10);
        assertThat(Integer.parseInt(single(slice, "Slice.IOWeight"))).isLessThan(100).isEqualTo(10);
    }

    @Test
    void envExample_retentionIsLast10Daily31_underLifeboatsOwnKeyNames() throws IOException {
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Repo.systemd().resolve("lifeboat.env.example"))) {
            if (line.matches("[A-Z_][A-Z0-9_]*=.*")) {
                example.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        String yml = Files.readString(Repo.root().resolve("service/src/main/resources/application.yml"));
        String retention = yml.substring(yml.indexOf("\n  retention:\n"));

        Map<String, String> expected = Map.of("LIFEBOAT_RETENTION_KEEP_LAST", "10", "LIFEBOAT_RETENTION_KEEP_HOURLY",
                "0", "LIFEBOAT_RETENTION_KEEP_DAILY", "31", "LIFEBOAT_RETENTION_KEEP_WEEKLY", "0",
                "LIFEBOAT_RETENTION_KEEP_MONTHLY", "0", "LIFEBOAT_RETENTION_KEEP_YEARLY", "0");
        assertThat(example).containsAllEntriesOf(expected);
        for (String variable : expected.keySet()) {
            // LIFEBOAT_RETENTION_KEEP_LAST -> lifeboat.retention.keep-last, as Micronaut maps it.
            String key = variable.substring("LIFEBOAT_RETENTION_".length()).toLowerCase().replace('_', '-');
            assertThat(retention).as("application.yml has lifeboat.retention." + key).containsPattern("\n    " + key + ":");
        }
        assertThat(example.keySet()).allMatch(k -> k.startsWith("LIFEBOAT_") || k.startsWith("AWS_"));
    }

    /** "Section.Key" -> values in file order (a unit file may repeat a key). */
    static Map<String, List<String>> parse(Path unit) throws IOException {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        String section = "";
        for (String raw : Files.readAllLines(unit)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line.substring(1, line.indexOf(']'));
                continue;
            }
            int eq = line.indexOf('=');
            entries.computeIfAbsent(section + "." + line.substring(0, eq).strip(), k -> new ArrayList<>())
                    .add(line.substring(eq + 1).strip());
        }
        return entries;
    }

    private static String single(Map<String, List<String>> unit, String key) {
        assertThat(unit.get(key)).as(key).hasSize(1);
        return unit.get(key).get(0);
    }

    private static List<String> words(List<String> values) {
        assertThat(values).isNotNull();
        return values.stream().flatMap(v -> List.of(v.split("\\s+")).stream()).toList();
    }

    /** The default in a script's {@code ${NAME:-default}}. */
    private static String scriptDefault(String script, String variable) {
        Matcher m = Pattern.compile("\\$\\{" + variable + ":-([^}]+)}").matcher(script);
        assertThat(m.find()).as(variable + " has a default in the script").isTrue();
        return m.group(1);
    }

    /** systemd's and lifeboat's short forms: 150s, 4min, 5m, 1h. */
    static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|sec|min|m|h)?").matcher(text.strip());
        assertThat(m.matches()).as("a duration: " + text).isTrue();
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "sec" -> Duration.ofSeconds(n);
            case "min", "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
