package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a staging dir's owner has provably exited, judged from the real /proc of this machine. */
class StagingOwnerTest {

    /** Above Linux's largest pid_max (2^22): no process can have it. */
    private static final long NO_SUCH_PID = (1L << 22) + 1;

    @Test
    void current_writtenAndReadBack_isTheSameOwnerAndAlive(@TempDir Path dir) throws Exception {
        StagingOwner me = StagingOwner.current();
        me.writeInto(dir);

        StagingOwner read = StagingOwner.readFrom(dir);

        assertThat(read).isEqualTo(me);
        assertThat(read.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(read.goneBecause()).isEmpty();
    }

    @Test
    void goneBecause_pidNotRunning_saysNoSuchProcess() throws Exception {
        StagingOwner dead = new StagingOwner(StagingOwner.current().bootId(), NO_SUCH_PID, 1);

        assertThat(dead.goneBecause()).contains("no process " + NO_SUCH_PID + " runs");
    }

    @Test
    void goneBecause_pidReusedByALaterProcess_saysSo() throws Exception {
        StagingOwner me = StagingOwner.current();
        StagingOwner earlier = new StagingOwner(me.bootId(), me.pid(), me.startTicks() - 1);

        assertThat(earlier.goneBecause()).contains("pid " + me.pid() + " now belongs to a process started later");
    }

    @Test
    void goneBecause_ownerFromAnotherBoot_isGoneEvenIfPidAndStartTimeMatch() throws Exception {
        StagingOwner me = StagingOwner.current();
        StagingOwner beforeReboot = new StagingOwner("00000000-0000-0000-0000-000000000000", me.pid(), me.startTicks());

        assertThat(beforeReboot.goneBecause()).contains("it ran before the last reboot");
    }

    @Test
    void readFrom_noOwnerFile_failsSayingSo(@TempDir Path dir) {
        assertThatThrownBy(() -> StagingOwner.readFrom(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("no owner file");
    }

    @Test
    void readFrom_malformedOrOtherVersion_refused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(StagingOwner.FILE), "pid 42\n");
        assertThatThrownBy(() -> StagingOwner.readFrom(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a version 1 owner file");

        Files.writeString(dir.resolve(StagingOwner.FILE), "lifeboat-staging-owner 2\nboot-id b\npid 42\nstart-ticks 7\n");
        assertThatThrownBy(() -> StagingOwner.readFrom(dir)).hasMessageContaining("not a version 1 owner file");

        Files.writeString(dir.resolve(StagingOwner.FILE), "lifeboat-staging-owner 1\nboot-id b\npid x\nstart-ticks 7\n");
        assertThatThrownBy(() -> StagingOwner.readFrom(dir)).hasMessageContaining("not a number");
    }

    @Test
    void parseStartTicks_commandNameWithSpacesAndParentheses_readsField22AfterTheLastParenthesis() throws Exception {
        String stat = "4242 (java (a) b) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 6 0 0 20 0 30 0 987654 1000 200 1";

        assertThat(StagingOwner.parseStartTicks(stat, 4242)).isEqualTo(987654);
        assertThat(StagingOwner.startTicksOf(NO_SUCH_PID)).isEmpty();
    }
}
