package io.lifeboat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a server's runnable jar is: the path in its system property (set by the parent POM's
 * failsafe configuration, after maven-dependency-plugin copied the jar there), else the local
 * Maven repository, where resolving the dependency put it.
 *
 * @param name       the server, for messages
 * @param property   the system property with the copied jar's path
 * @param groupId    Maven coordinates of the jar ...
 * @param artifactId ...
 * @param classifier ... (the runnable variant)
 */
record ServerJar(String name, String property, String groupId, String artifactId, String classifier) {

    static final ServerJar S3MOCK = new ServerJar("S3Mock", "lifeboat.s3mock.jar",
            "com.adobe.testing", "s3mock", "exec");
    static final ServerJar S3PROXY = new ServerJar("S3Proxy", "lifeboat.s3proxy.jar",
            "org.gaul", "s3proxy", "jar-with-dependencies");

    Path locate() {
        return locate(System.getProperty(property),
                Path.of(System.getProperty("user.home"), ".m2", "repository"), version());
    }

    Path locate(String configured, Path mavenRepository, String version) {
        Path fromProperty = configured == null || configured.isBlank() ? null : Path.of(configured);
        if (fromProperty != null && Files.isRegularFile(fromProperty)) {
            return fromProperty;
        }
        Path fromRepository = mavenRepository.resolve(Path.of(groupId.replace('.', '/'), artifactId,
                version, artifactId + "-" + version + "-" + classifier + ".jar"));
        if (Files.isRegularFile(fromRepository)) {
            return fromRepository;
        }
        throw new IllegalStateException(name + " jar not found: -D" + property + "="
                + (fromProperty == null ? "(unset)" : fromProperty + " (missing)") + ", and not at "
                + fromRepository + ". Run the module's build (maven-dependency-plugin copies it) or "
                + "`./mvnw dependency:get -Dartifact=" + groupId + ":" + artifactId + ":" + version
                + ":jar:" + classifier + "`.");
    }

    /** The version the parent POM pins ({@code <artifactId>.version}). */
    String version() {
        try (InputStream in = ServerJar.class.getResourceAsStream("server-versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("server-versions.properties missing from the test harness jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(artifactId + ".version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
