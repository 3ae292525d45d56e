package io.lifeboat.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.api.AlarmMember;
import io.etcd.jetcd.api.AlarmType;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.StatusResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which members that answer are still not snapshotted, and the reason given. */
class EtcdMembersRefusalTest {

    private static final long SELF = 0xaaL;
    private static final long OTHER = 0xbbL;

    @Test
    void refusal_followerWithALeaderAndNoAlarm_isNone() {
        assertThat(EtcdMembers.refusal(status(OTHER), List.of())).isEmpty();
    }

    @Test
    void refusal_theLeaderItself_isNone() {
        assertThat(EtcdMembers.refusal(status(SELF), List.of())).isEmpty();
    }

    @Test
    void refusal_noLeader_saysPartitioned() {
        assertThat(EtcdMembers.refusal(status(0), List.of())).contains("no leader (partitioned?)");
    }

    @Test
    void refusal_alarmOnThisMember_namesTheAlarm() {
        assertThat(EtcdMembers.refusal(status(OTHER), List.of(alarm(SELF, AlarmType.NOSPACE))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("NOSPACE").contains("aa"));
    }

    @Test
    void refusal_alarmOnAnotherMemberOnly_isNone() {
        assertThat(EtcdMembers.refusal(status(OTHER), List.of(alarm(OTHER, AlarmType.NOSPACE)))).isEmpty();
    }

    @Test
    void refusal_statusErrors_listsThem() {
        StatusResponse status = status(OTHER).toBuilder().addErrors("raft: corrupt wal").build();

        assertThat(EtcdMembers.refusal(status, List.of())).contains("reports errors: raft: corrupt wal");
    }

    private static StatusResponse status(long leader) {
        return StatusResponse.newBuilder().setHeader(ResponseHeader.newBuilder().setMemberId(SELF)).setLeader(leader)
                .build();
    }

    private static AlarmMember alarm(long member, AlarmType type) {
        return AlarmMember.newBuilder().setMemberID(member).setAlarm(type).build();
    }
}
