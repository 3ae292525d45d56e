package io.lifeboat.infra.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throwaway root file system for {@code systemd-analyze verify --root}: this machine's own unit
 * files (sysinit.target, network-online.target, ...), kubeadm's kubelet.service with its
 * 10-kubeadm.conf drop-in and containerd.service as their packages ship them (stub binaries
 * behind them), and lifeboat installed by the real {@code install.sh} with {@code DESTDIR}.
 * verify then resolves every unit and checks every Exec path inside this root.
 */
final class SystemdRoot {

    static final Path HOST_UNITS = Path.of("/usr/lib/systemd/system");

    private final Path root;

    private SystemdRoot(Path root) {
        this.root = root;
    }

    static SystemdRoot create(Path root) throws IOException {
        Path units = root.resolve("usr/lib/systemd/system");
        copyTree(HOST_UNITS, units);
        Files.writeString(units.resolve("kubelet.service"), """
                [Unit]
                Description=kubelet: The Kubernetes Node Agent
                Documentation=https://kubernetes.io/docs/
                Wants=network-online.target
                After=network-online.target

                [Service]
                ExecStart=/usr/bin/kubelet
                Restart=always
                StartLimitInterval=0
                RestartSec=10

                [Install]
                WantedBy=multi-user.target
                """);
        Files.createDirectories(units.resolve("kubelet.service.d"));
        Files.writeString(units.resolve("kubelet.service.d/10-kubeadm.conf"), """
                [Service]
                Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
                Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
                EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
                EnvironmentFile=-/etc/default/kubelet
                ExecStart=
                ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
                """);
        Files.writeString(units.resolve("containerd.service"), """
                [Unit]
                Description=containerd container runtime
                Documentation=https://containerd.io
                After=network.target local-fs.target

                [Service]
                ExecStart=/usr/bin/containerd
                Type=notify
                Delegate=yes
                KillMode=process
                Restart=always
                RestartSec=5
                LimitNPROC=infinity
                LimitCORE=infinity
                TasksMax=infinity
                OOMScoreAdjust=-999

                [Install]
                WantedBy=multi-user.target
                """);
        for (String binary : List.of("usr/bin/kubelet", "usr/bin/containerd")) {
            Path stub = root.resolve(binary);
            Files.createDirectories(stub.getParent());
            Files.writeString(stub, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ToolRun install = ToolRun.run(List.of("bash", Repo.systemd().resolve("install.sh").toString()),
                Map.of("DESTDIR", root.toString()), 60);
        if (install.exitCode() != 0) {
            throw new IllegalStateException("install.sh failed: " + install);
        }
        return new SystemdRoot(root);
    }

    Path root() {
        return root;
    }

    Path resolve(String path) {
        return root.resolve(path);
    }

    ToolRun verify(String... units) {
        List<String> command = new java.util.ArrayList<>(List.of("systemd-analyze", "verify", "--root=" + root));
        command.addAll(List.of(units));
        return ToolRun.run(command, Map.of("SYSTEMD_LOG_COLOR", "0", "SYSTEMD_PAGER", ""), 120);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isSymbolicLink(source)) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Files.readSymbolicLink(source));
                } else if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
