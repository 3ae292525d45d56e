package io.lifeboat.etcd;

/**
 * The etcd member a snapshot is taken from, as its Status and MemberList calls report it.
 * Ids are hex, as etcdctl prints them.
 */
public record EtcdMember(String endpoint, String clusterId, String memberId, String name, String version,
                         long dbSizeBytes, boolean leader) {
}
