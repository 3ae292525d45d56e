package io.lifeboat.etcd;

import io.etcd.jetcd.api.ClusterGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.Member;
import io.etcd.jetcd.api.MemberListRequest;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Finds the member to snapshot: the first configured endpoint that answers a Status call.
 * Status gives the cluster id, member id, version and db size; MemberList gives the name.
 * Nothing here is used for the snapshot's revision: that comes from the snapshot bytes.
 */
public final class EtcdMembers {

    private final EtcdConfig config;
    private final EtcdChannels channels;

    public EtcdMembers(EtcdConfig config, EtcdChannels channels) {
        this.config = config;
        this.channels = channels;
    }

    public Mono<EtcdMember> firstReachable() {
        List<Throwable> failures = new ArrayList<>();
        return Flux.fromIterable(config.endpoints())
                .map(String::trim)
                .concatMap(endpoint -> describe(endpoint).onErrorResume(e -> {
                    failures.add(e);
                    return Mono.empty();
                }))
                .next()
                .switchIfEmpty(Mono.defer(() -> Mono.error(unreachable(failures))));
    }

    public EtcdSnapshotSource source(EtcdMember member) {
        return new EtcdSnapshotSource(channels.channel(member.endpoint()), member.endpoint(), config.snapshotIdleTimeout());
    }

    private Mono<EtcdMember> describe(String endpoint) {
        // Blocking stubs with a deadline, on boundedElastic: two small calls, not worth a reactive adapter.
        return Mono.fromCallable(() -> {
            var channel = channels.channel(endpoint);
            long timeoutMs = config.connectTimeout().toMillis();
            StatusResponse status = MaintenanceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).status(StatusRequest.getDefaultInstance());
            long memberId = status.getHeader().getMemberId();
            String name = ClusterGrpc.newBlockingStub(channel).withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
                    .memberList(MemberListRequest.getDefaultInstance()).getMembersList().stream()
                    .filter(m -> m.getID() == memberId).map(Member::getName).findFirst().orElse("");
            return new EtcdMember(endpoint, Long.toHexString(status.getHeader().getClusterId()),
                    Long.toHexString(memberId), name, status.getVersion(), status.getDbSize(),
                    status.getLeader() == memberId);
        }).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> e instanceof EtcdUnavailableException ? e : EtcdErrors.translate("etcd at " + endpoint, e));
    }

    private EtcdUnavailableException unreachable(List<Throwable> failures) {
        StringBuilder message = new StringBuilder("no etcd endpoint answered (lifeboat.etcd.endpoints = ")
                .append(config.endpoints()).append(")");
        failures.forEach(f -> message.append("; ").append(f.getMessage()));
        return new EtcdUnavailableException(message.toString(), failures.isEmpty() ? null : failures.get(0));
    }
}
