package io.lifeboat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerJarTest {

    @TempDir
    Path dir;

    @Test
    void locate_propertyPointsToJar_usesIt() throws IOException {
        Path jar = Files.createFile(dir.resolve("s3mock-exec.jar"));

        assertThat(ServerJar.S3MOCK.locate(jar.toString(), dir.resolve("repo"), "5.2.0")).isEqualTo(jar);
    }

    @Test
    void locate_propertyUnset_fallsBackToMavenRepository() throws IOException {
        Path jar = dir.resolve("repo/com/adobe/testing/s3mock/5.2.0/s3mock-5.2.0-exec.jar");
        Files.createDirectories(jar.getParent());
        Files.createFile(jar);

        assertThat(ServerJar.S3MOCK.locate(null, dir.resolve("repo"), "5.2.0")).isEqualTo(jar);
    }

    @Test
    void locate_s3ProxyPropertyUnset_fallsBackToItsJarWithDependencies() throws IOException {
        Path jar = dir.resolve("repo/org/gaul/s3proxy/2.6.0/s3proxy-2.6.0-jar-with-dependencies.jar");
        Files.createDirectories(jar.getParent());
        Files.createFile(jar);

        assertThat(ServerJar.S3PROXY.locate("", dir.resolve("repo"), "2.6.0")).isEqualTo(jar);
    }

    @Test
    void locate_neitherExists_namesBothPlaces() {
        assertThatThrownBy(() -> ServerJar.S3MOCK.locate(dir.resolve("missing.jar").toString(),
                dir.resolve("repo"), "5.2.0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing.jar")
                .hasMessageContaining("s3mock-5.2.0-exec.jar");
    }

    @Test
    void version_filteredFromParentPom_isConcreteForEachServer() {
        assertThat(ServerJar.S3MOCK.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(ServerJar.S3PROXY.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
