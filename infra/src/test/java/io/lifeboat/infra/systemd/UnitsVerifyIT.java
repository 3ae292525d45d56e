package io.lifeboat.infra.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systemd-analyze verify} on lifeboat's units as {@code install.sh} installs them, in a
 * root that also holds kubeadm's kubelet.service (with its own drop-in) and containerd.service:
 * every unit loads, every dependency resolves, every Exec path exists and is executable, and
 * systemd has nothing to warn about. And the same check fails when a unit is broken.
 */
class UnitsVerifyIT {

    private static final List<String> OURS = List.of("var-lib-etcd.mount", "lifeboat.slice", "lifeboat-backup.service",
            "lifeboat-backup.timer", "kubelet.service.d", "10-lifeboat.conf", "lifeboat");

    @TempDir
    static Path dir;

    @BeforeAll
    static void systemdAnalyzeIsInstalled() {
        // infra/local/ensure-tools.sh installs it (package systemd) before the tests run.
        ToolRun version = ToolRun.run(List.of("systemd-analyze", "--version"), java.util.Map.of(), 30);
        assertThat(version.exitCode()).as(version.toString()).isZero();
    }

    @Test
    void installedUnits_verifyCleanly_withKubeletsDropInAndTheScriptsTheyRun() throws IOException {
        SystemdRoot root = SystemdRoot.create(dir.resolve("clean"));

        ToolRun verify = root.verify("var-lib-etcd.mount", "lifeboat.slice", "lifeboat-backup.service", "lifeboat-backup.timer",
                "kubelet.service");

        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.err().lines().filter(line -> OURS.stream().anyMatch(line::contains)))
                .as(verify.toString()).isEmpty();
    }

    @Test
    /** Also proves the drop-in is part of kubelet.service in this root: only it names boot-restore. */
    void verifyFails_whenKubeletsDropInRunsAMissingScript() throws IOException {
        SystemdRoot root = SystemdRoot.create(dir.resolve("no-script"));
        Files.delete(root.resolve("usr/local/lib/lifeboat/boot-restore"));

        ToolRun verify = root.verify("kubelet.service");

        assertThat(verify.exitCode()).as(verify.toString()).isNotZero();
        assertThat(verify.err()).contains("/usr/local/lib/lifeboat/boot-restore");
    }

    @Test
    void verifyWarns_onAMisspelledKey_andTheCleanCheckWouldCatchIt() throws IOException {
        SystemdRoot root = SystemdRoot.create(dir.resolve("typo"));
        Path mount = root.resolve("etc/systemd/system/var-lib-etcd.mount");
        Files.writeString(mount, Files.readString(mount).replace("\nOptions=", "\nOptoins="));

        ToolRun verify = root.verify("var-lib-etcd.mount");

        assertThat(verify.err().lines().filter(line -> OURS.stream().anyMatch(line::contains)))
                .as(verify.toString()).anyMatch(line -> line.contains("Optoins"));
    }
}
