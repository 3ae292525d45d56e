package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3MockLaunchTest {

    @TempDir
    Path dir;

    @Test
    void jvmOptions_noArchiveYet_dumpsOneAtExit() {
        S3MockLaunch launch = new S3MockLaunch(dir.resolve("app.jar"), dir.resolve("classes.jsa"));
        Path pending = launch.newPendingArchive();

        assertThat(launch.jvmOptions(pending)).containsExactly("-XX:ArchiveClassesAtExit=" + pending);
    }

    @Test
    void publish_afterGracefulExit_movesArchiveIntoPlaceForTheNextRun() throws IOException {
        S3MockLaunch launch = new S3MockLaunch(dir.resolve("app.jar"), dir.resolve("classes.jsa"));
        Path pending = Files.writeString(launch.newPendingArchive(), "archive");

        launch.publish(pending, 143);

        assertThat(dir.resolve("classes.jsa")).hasContent("archive");
        assertThat(pending).doesNotExist();
        assertThat(launch.jvmOptions(launch.newPendingArchive()))
                .containsExactly("-XX:SharedArchiveFile=" + dir.resolve("classes.jsa"));
    }

    @Test
    void publish_afterSigkill_dropsThePossiblyPartialArchive() throws IOException {
        S3MockLaunch launch = new S3MockLaunch(dir.resolve("app.jar"), dir.resolve("classes.jsa"));
        Path pending = Files.writeString(launch.newPendingArchive(), "half an archive");

        launch.publish(pending, 137);

        assertThat(dir.resolve("classes.jsa")).doesNotExist();
        assertThat(pending).doesNotExist();
    }

    @Test
    void prepare_cdsDisabled_runsTheExecJarAsIs() {
        System.setProperty(S3MockLaunch.CDS_PROPERTY, "false");
        try {
            S3MockLaunch launch = S3MockLaunch.prepare(dir.resolve("s3mock-exec.jar"));

            assertThat(launch.jar()).isEqualTo(dir.resolve("s3mock-exec.jar"));
            assertThat(launch.jvmOptions(launch.newPendingArchive())).isEmpty();
        } finally {
            System.clearProperty(S3MockLaunch.CDS_PROPERTY);
        }
    }
}
