package io.lifeboat.restore;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How to restore a snapshot into a data dir.
 *
 * @param dataDir the etcd data dir to create; must be absent or empty unless {@code moveAside}
 * @param member the new member's name and cluster membership, passed to etcd's restore tool
 * @param tmpfs what to do about tmpfs
 * @param verifyStart start etcd on the restored data (loopback ports) and compare revision and keys
 * @param moveAside keep a non-empty {@code dataDir} under a timestamped name beside it
 * @param etcdBinDir where etcd's tools are; empty to search PATH
 * @param progress told as the download advances
 * @param notices told, one line each, what the operator should know that is no failure (stale
 *     staging dirs removed or kept); by default logged as warnings
 */
public record RestoreOptions(Path dataDir, Member member, TmpfsMode tmpfs, boolean verifyStart, boolean moveAside,
                             Optional<Path> etcdBinDir, DownloadProgress progress, Consumer<String> notices) {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreOptions.class);

    public RestoreOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        dataDir = dataDir.toAbsolutePath().normalize();
        if (dataDir.getParent() == null) {
            throw new IllegalArgumentException("the data dir cannot be the root directory");
        }
        member = member == null ? Member.DEFAULT : member;
        tmpfs = tmpfs == null ? new TmpfsMode.Off() : tmpfs;
        etcdBinDir = etcdBinDir == null ? Optional.empty() : etcdBinDir;
        progress = progress == null ? DownloadProgress.NONE : progress;
        notices = notices == null ? LOG::warn : notices;
    }

    /** Defaults everywhere: a single member named {@code default}, no tmpfs check, no start. */
    public static RestoreOptions into(Path dataDir) {
        return new RestoreOptions(dataDir, Member.DEFAULT, new TmpfsMode.Off(), false, false, Optional.empty(),
                DownloadProgress.NONE, null);
    }

    /**
     * The restored member, as etcd's {@code snapshot restore} flags name it. An empty value
     * leaves etcd's own default ({@code default}, {@code default=http://localhost:2380},
     * {@code etcd-cluster}, {@code http://localhost:2380}).
     */
    public record Member(String name, String initialCluster, String initialAdvertisePeerUrls,
                         String initialClusterToken) {

        public static final Member DEFAULT = new Member("", "", "", "");

        public Member {
            name = name == null ? "" : name.trim();
            initialCluster = initialCluster == null ? "" : initialCluster.trim();
            initialAdvertisePeerUrls = initialAdvertisePeerUrls == null ? "" : initialAdvertisePeerUrls.trim();
            initialClusterToken = initialClusterToken == null ? "" : initialClusterToken.trim();
        }

        /** The name etcd will use: the one given, else etcd's default. */
        public String effectiveName() {
            return name.isEmpty() ? "default" : name;
        }

        /** True if the restored cluster has this one member (etcd's default cluster has one). */
        public boolean isSingleMember() {
            return initialCluster.isEmpty() || !initialCluster.contains(",");
        }
    }
}
