package io.lifeboat.etcd;

import io.etcd.jetcd.api.AlarmMember;
import io.etcd.jetcd.api.AlarmRequest;
import io.etcd.jetcd.api.AlarmType;
import io.etcd.jetcd.api.ClusterGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.Member;
import io.etcd.jetcd.api.MemberListRequest;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Finds the member to snapshot: the first configured endpoint that answers a Status call and
 * is fit to be snapshotted (see {@link #refusal}). Status gives the cluster id, member id,
 * version and db size; MemberList gives the name. Nothing here is used for the snapshot's
 * revision: that comes from the snapshot bytes.
 */
public final class EtcdMembers {

    private final EtcdConfig config;
    private final EtcdChannels channels;

    public EtcdMembers(EtcdConfig config, EtcdChannels channels) {
        this.config = config;
        this.channels = channels;
    }

    /**
     * The first endpoint that answers and has a leader and no alarm; EtcdUnavailableException
     * naming each endpoint and why it was not used when there is none.
     */
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
            // After an outage the channel may sit in reconnect backoff (up to minutes) and fail calls
            // at once although etcd is back: a backup is the moment to try again now.
            channel.resetConnectBackoff();
            long timeoutMs = config.connectTimeout().toMillis();
            StatusResponse status = MaintenanceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).status(StatusRequest.getDefaultInstance());
            long memberId = status.getHeader().getMemberId();
            List<AlarmMember> alarms = MaintenanceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
                    .alarm(AlarmRequest.newBuilder().setAction(AlarmRequest.AlarmAction.GET)
                            .setAlarm(AlarmType.NONE).build())
                    .getAlarmsList();
            Optional<String> refused = refusal(status, alarms);
            if (refused.isPresent()) {
                throw new EtcdUnavailableException(endpoint + ": " + refused.get(), null);
            }
            String name = ClusterGrpc.newBlockingStub(channel).withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
                    .memberList(MemberListRequest.getDefaultInstance()).getMembersList().stream()
                    .filter(m -> m.getID() == memberId).map(Member::getName).findFirst().orElse("");
            return new EtcdMember(endpoint, Long.toHexString(status.getHeader().getClusterId()),
                    Long.toHexString(memberId), name, status.getVersion(), status.getDbSize(),
                    status.getLeader() == memberId);
        }).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> e instanceof EtcdUnavailableException ? e : EtcdErrors.translate("etcd at " + endpoint, e));
    }

    /**
     * Why a member that answered must not be snapshotted, if it must not: a member without a
     * leader may be partitioned away from the quorum and serve data that is no longer current;
     * a member with an alarm (NOSPACE; CORRUPT on etcd 3.3+) or errors in its Status may hold a damaged or
     * incomplete db. etcd's own {@code /health} refuses on the same grounds.
     *
     * @param alarms the cluster's alarms (Maintenance.Alarm GET); only this member's count
     */
    static Optional<String> refusal(StatusResponse status, List<AlarmMember> alarms) {
        long memberId = status.getHeader().getMemberId();
        if (status.getLeader() == 0) {
            return Optional.of("no leader (partitioned?)");
        }
        List<String> raised = alarms.stream().filter(a -> a.getMemberID() == memberId)
                .filter(a -> a.getAlarm() != AlarmType.NONE).map(a -> a.getAlarm().name()).toList();
        if (!raised.isEmpty()) {
            return Optional.of("alarm " + String.join(", ", raised) + " raised on member " + Long.toHexString(memberId)
                    + " (see etcdctl alarm list)");
        }
        if (status.getErrorsCount() > 0) {
            return Optional.of("reports errors: " + String.join("; ", status.getErrorsList()));
        }
        return Optional.empty();
    }

    private EtcdUnavailableException unreachable(List<Throwable> failures) {
        StringBuilder message = new StringBuilder("no etcd member can be snapshotted (lifeboat.etcd.endpoints = ")
                .append(config.endpoints()).append(")");
        failures.forEach(f -> message.append("; ").append(f.getMessage()));
        return new EtcdUnavailableException(message.toString(), failures.isEmpty() ? null : failures.get(0));
    }
}
