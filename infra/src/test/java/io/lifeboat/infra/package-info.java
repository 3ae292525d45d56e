/**
 * Tests of what runs lifeboat outside the JVM, each with the real tool: {@code kubernetes}
 * (fabric8 models, {@code kubectl kustomize}), {@code monitoring} ({@code promtool}, the metric
 * names a running service exports), {@code image} (the Jib tar), {@code systemd}
 * ({@code systemd-analyze verify}, the RAM-disk scripts against real etcd and S3Mock).
 */
package io.lifeboat.infra;
