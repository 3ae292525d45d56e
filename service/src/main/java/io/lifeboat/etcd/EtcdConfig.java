package io.lifeboat.etcd;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code lifeboat.etcd.*}: which etcd member to snapshot and how to reach it. The TLS files
 * are the ones etcdctl takes as {@code --cacert/--cert/--key}; on a kubeadm node they are
 * {@code /etc/kubernetes/pki/etcd/ca.crt}, {@code healthcheck-client.crt} and {@code .key}.
 *
 * @param endpoints client URLs; the first that answers is snapshotted (on a control-plane
 *     node: the local member, https://127.0.0.1:2379)
 * @param cacert CA bundle that signed etcd's server certificate (enables TLS)
 * @param cert client certificate
 * @param key client key (PKCS#8 or PKCS#1 RSA PEM)
 * @param connectTimeout how long to wait for a member to answer before trying the next
 * @param snapshotIdleTimeout how long the snapshot stream may send nothing while lifeboat waits
 *     for a message before the backup fails (a stalled etcd)
 */
@ConfigurationProperties("lifeboat.etcd")
public record EtcdConfig(
        @Bindable(defaultValue = "http://127.0.0.1:2379") List<String> endpoints,
        @Nullable Path cacert,
        @Nullable Path cert,
        @Nullable Path key,
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Bindable(defaultValue = "30s") Duration snapshotIdleTimeout) {
}
