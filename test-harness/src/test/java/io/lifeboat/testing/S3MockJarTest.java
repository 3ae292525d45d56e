package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3MockJarTest {

    @TempDir
    Path dir;

    @Test
    void locate_propertyPointsToJar_usesIt() throws IOException {
        Path jar = Files.createFile(dir.resolve("s3mock-exec.jar"));

        assertThat(S3MockJar.locate(jar.toString(), dir.resolve("repo"), "5.2.0")).isEqualTo(jar);
    }

    @Test
    void locate_propertyUnset_fallsBackToMavenRepository() throws IOException {
        Path jar = dir.resolve("repo/com/adobe/testing/s3mock/5.2.0/s3mock-5.2.0-exec.jar");
        Files.createDirectories(jar.getParent());
        Files.createFile(jar);

        assertThat(S3MockJar.locate(null, dir.resolve("repo"), "5.2.0")).isEqualTo(jar);
    }

    @Test
    void locate_neitherExists_namesBothPlaces() {
        assertThatThrownBy(() -> S3MockJar.locate(dir.resolve("missing.jar").toString(),
                dir.resolve("repo"), "5.2.0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing.jar")
                .hasMessageContaining("s3mock-5.2.0-exec.jar");
    }

    @Test
    void version_filteredFromParentPom_isConcrete() {
        assertThat(S3MockJar.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
