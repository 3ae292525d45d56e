/**
 * Real servers for lifeboat's integration tests, as local processes on 127.0.0.1 (no Docker):
 * etcd from the Debian packages, Adobe S3Mock from its Maven exec jar and S3Proxy from its
 * jar-with-dependencies.
 *
 * <pre>{@code
 * @RealEtcd(members = 3)
 * @RealS3
 * class BackupIT {
 *     @Test
 *     void backup_leaderKilled_stillUploads(EtcdCluster etcd, S3Bucket bucket) {
 *         new KeyspaceGenerator().fill(etcd.clientEndpoints(), 64L << 20, 42);
 *         ...
 *         bucket.server().kill();   // the S3 server dies mid-upload
 *         bucket.server().start();  // same port, same store
 *     }
 * }
 * }</pre>
 *
 * <p>{@code @RealS3Proxy} gives the same {@link io.lifeboat.testing.S3Bucket} on S3Proxy over a
 * filesystem blobstore: a less capable S3-compatible store that answers 501 NotImplemented to
 * {@code x-amz-checksum-*} headers, tagging and lifecycle ({@code S3ProxyServerIT}). Both servers are
 * an {@link io.lifeboat.testing.S3Server}.
 *
 * <p>{@link io.lifeboat.testing.EtcdCluster#startTls} runs a member as kubeadm does (https, client
 * certificates required) with a PKI that {@link io.lifeboat.testing.EtcdTls} makes with the
 * {@code openssl} command, which {@link io.lifeboat.testing.Openssl} also uses for test keys.
 *
 * <p>{@link io.lifeboat.testing.Etcdctl} runs etcd's own tools, the reference the lifeboat code is
 * checked against. System properties: {@code lifeboat.etcd.bin-dir} (another etcd release),
 * {@code lifeboat.s3mock.jar} and {@code lifeboat.s3proxy.jar} (set by the parent POM), {@code lifeboat.keep-test-dirs=true}
 * (keep data dirs and logs after the run), {@code lifeboat.s3mock.cds=false} (no launch cache).
 */
package io.lifeboat.testing;
