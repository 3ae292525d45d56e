package io.lifeboat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How S3Mock's JVM is launched. Measured on the 2-core CI box under load, starting from the
 * Spring Boot exec jar costs ~7 s of CPU; from the extracted jar ~5.5 s; from the extracted jar
 * with a class-data-sharing archive ~4 s. So the exec jar is extracted once per machine (Spring
 * Boot's {@code -Djarmode=tools extract}) into a cache in java.io.tmpdir shared by every module's
 * tests, and the first JVM that exits gracefully dumps a CDS archive the next ones map.
 * Any failure here falls back to {@code java -jar exec.jar}; {@value #CDS_PROPERTY}=false forces it.
 */
final class S3MockLaunch {

    static final String CDS_PROPERTY = "lifeboat.s3mock.cds";

    private static final Logger LOG = LoggerFactory.getLogger(S3MockLaunch.class);

    private final Path jar;
    private final Path archive;

    S3MockLaunch(Path jar, Path archive) {
        this.jar = jar;
        this.archive = archive;
    }

    static S3MockLaunch prepare(Path execJar) {
        if (!Boolean.parseBoolean(System.getProperty(CDS_PROPERTY, "true"))) {
            return new S3MockLaunch(execJar, null);
        }
        try {
            Path cache = Path.of(System.getProperty("java.io.tmpdir"),
                    "lifeboat-s3mock-cache-" + cacheKey(execJar));
            if (!Files.isDirectory(cache)) {
                extract(execJar, cache);
            }
            try (Stream<Path> files = Files.list(cache)) {
                Path extracted = files.filter(p -> p.toString().endsWith(".jar")).findFirst()
                        .orElseThrow(() -> new IOException("no jar in " + cache));
                return new S3MockLaunch(extracted, cache.resolve("classes.jsa"));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("starting S3Mock from its exec jar, without the extract/CDS speed-up: {}",
                    e.toString());
            return new S3MockLaunch(execJar, null);
        }
    }

    Path jar() {
        return jar;
    }

    /**
     * JVM options for one run: map the archive if it exists, else dump one at exit into a file of
     * this run's own ({@link #publish} moves it into place).
     */
    List<String> jvmOptions(Path pendingArchive) {
        if (archive == null) {
            return List.of();
        }
        return Files.isRegularFile(archive)
                ? List.of("-XX:SharedArchiveFile=" + archive)
                : List.of("-XX:ArchiveClassesAtExit=" + pendingArchive);
    }

    Path newPendingArchive() {
        return archive == null ? null : archive.resolveSibling("classes-" + UUID.randomUUID() + ".jsa.tmp");
    }

    /**
     * After the run's JVM has exited: a graceful exit wrote a whole archive, so it is moved into
     * place; after SIGKILL (exit 137) a file may be partial and is dropped.
     */
    void publish(Path pendingArchive, int exitCode) {
        if (pendingArchive == null || !Files.exists(pendingArchive)) {
            return;
        }
        try {
            if (exitCode != 137 && !Files.exists(archive)) {
                Files.move(pendingArchive, archive, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(pendingArchive);
            }
        } catch (IOException e) {
            LOG.debug("CDS archive not kept: {}", e.toString());
        }
    }

    /** The jar's content and the JDK: an archive only fits the JVM that dumped it. */
    private static String cacheKey(Path execJar) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(execJar), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            digest.update((System.getProperty("java.home") + System.getProperty("java.vm.version"))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Extracts into a private dir, then renames: concurrent JVMs never see a half-extracted cache. */
    private static void extract(Path execJar, Path cache) throws IOException {
        Path staging = cache.resolveSibling(cache.getFileName() + "-" + UUID.randomUUID());
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", execJar.toString(),
                "extract", "--destination", staging.toString());
        ToolRun.run(command, Map.of(), Duration.ofMinutes(2)).requireSuccess();
        try {
            Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(cache)) {
                throw e;
            }
            TestDirs.delete(staging);
        }
    }
}
