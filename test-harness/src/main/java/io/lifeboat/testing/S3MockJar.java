package io.lifeboat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where S3Mock's exec jar is: the path in {@value #PROPERTY} (set by the parent POM's failsafe
 * configuration, after maven-dependency-plugin copied the jar there), else the local Maven
 * repository, where resolving the dependency put it.
 */
final class S3MockJar {

    static final String PROPERTY = "lifeboat.s3mock.jar";

    private S3MockJar() {
    }

    static Path locate() {
        return locate(System.getProperty(PROPERTY),
                Path.of(System.getProperty("user.home"), ".m2", "repository"), version());
    }

    static Path locate(String configured, Path mavenRepository, String version) {
        Path fromProperty = configured == null || configured.isBlank() ? null : Path.of(configured);
        if (fromProperty != null && Files.isRegularFile(fromProperty)) {
            return fromProperty;
        }
        Path fromRepository = mavenRepository.resolve(Path.of("com", "adobe", "testing", "s3mock",
                version, "s3mock-" + version + "-exec.jar"));
        if (Files.isRegularFile(fromRepository)) {
            return fromRepository;
        }
        throw new IllegalStateException("S3Mock exec jar not found: -D" + PROPERTY + "="
                + (fromProperty == null ? "(unset)" : fromProperty + " (missing)") + ", and not at "
                + fromRepository + ". Run the module's build (maven-dependency-plugin copies it) or "
                + "`./mvnw dependency:get -Dartifact=com.adobe.testing:s3mock:" + version
                + ":jar:exec`.");
    }

    static String version() {
        try (InputStream in = S3MockJar.class.getResourceAsStream("s3mock.properties")) {
            if (in == null) {
                throw new IllegalStateException("s3mock.properties missing from the test harness jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("s3mock.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
