package io.lifeboat.infra.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image tar the infra build writes (Jib buildTar, see infra/image/README.md): its OCI index,
 * manifest and config, what its layers hold, and then the image run for real: its layers unpacked
 * into a directory and its processes started there with chroot, as the image's user, with /proc
 * and /dev mounted in a private mount namespace (what a container runtime provides).
 */
class ImageTarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ENTRYPOINT = List.of("/opt/java/bin/java", "-Xmx128m", "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.awt.headless=true", "-jar",
            "/opt/lifeboat/lifeboat-service.jar");

    private static Map<String, byte[]> blobs;
    private static JsonNode manifest;
    private static JsonNode config;
    /** Per layer, in order: path (no leading slash) to entry. */
    private static List<Map<String, Tar.Entry>> layers;

    @TempDir
    static Path root;

    @BeforeAll
    static void openTar() throws IOException {
        Path tar = Path.of(System.getProperty("lifeboat.image.tar", "target/lifeboat-image.tar"));
        assertThat(tar).as("the image tar (./mvnw -pl infra -am package writes it)").isRegularFile();
        blobs = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(tar)) {
            for (Tar.Entry e : Tar.read(in)) {
                blobs.put(e.name(), e.data());
            }
        }
        assertThat(blobs).containsKeys("oci-layout", "index.json");
        JsonNode index = JSON.readTree(blobs.get("index.json"));
        assertThat(index.path("manifests")).hasSize(1);
        assertThat(index.at("/manifests/0/mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        manifest = JSON.readTree(blob(index.at("/manifests/0/digest").asText()));
        assertThat(manifest.at("/config/mediaType").asText()).isEqualTo("application/vnd.oci.image.config.v1+json");
        config = JSON.readTree(blob(manifest.at("/config/digest").asText()));
        layers = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
            Map<String, Tar.Entry> entries = new LinkedHashMap<>();
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(blob(layer.path("digest").asText())))) {
                for (Tar.Entry e : Tar.read(in)) {
                    entries.put(stripSlashes(e.name()), e);
                }
            }
            layers.add(entries);
        }
    }

    @Test
    void configRunsTheServiceAsNonRootWithTheBenchmarkedHeap() {
        JsonNode c = config.path("config");
        assertThat(strings(c.path("Entrypoint"))).isEqualTo(ENTRYPOINT);
        assertThat(c.path("Cmd").isMissingNode() || c.path("Cmd").isNull() || c.path("Cmd").isEmpty()).isTrue();
        assertThat(c.path("User").asText()).isEqualTo("65532:65532");
        assertThat(strings(c.path("Env"))).contains("PATH=/usr/local/bin:/opt/java/bin", "JAVA_HOME=/opt/java");
        assertThat(c.path("WorkingDir").asText()).isEqualTo("/tmp");
        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.path("architecture").asText()).isEqualTo("amd64");
    }

    @Test
    void layersHoldTheRuntimeTheJarsAndEtcdctl() {
        assertThat(layers).as("one layer per rootfs tree (base, java, etcd, app)").hasSizeGreaterThan(1);
        // Jib always writes its "jvm arg files" layer (two small files under /app); the entrypoint
        // does not read them. Then the four rootfs trees.
        assertThat(layers).hasSize(5);
        assertThat(layers.get(0)).containsOnlyKeys("app", "app/jib-classpath-file", "app/jib-main-class-file");
        assertThat(manifest.path("layers")).hasSize(config.at("/rootfs/diff_ids").size());
        Map<String, Tar.Entry> all = merged();
        for (String exe : List.of("opt/java/bin/java", "opt/java/lib/jspawnhelper", "usr/local/bin/etcdctl",
                "lib64/ld-linux-x86-64.so.2")) {
            assertThat(all).as(exe).containsKey(exe);
            assertThat(all.get(exe).mode() & 0111).as(exe + " executable, mode %o", all.get(exe).mode()).isEqualTo(0111);
        }
        for (String file : List.of("opt/lifeboat/lifeboat-service.jar", "opt/lifeboat/lifeboat.jar",
                "opt/java/lib/server/libjvm.so", "opt/java/lib/security/cacerts", "lib/x86_64-linux-gnu/libc.so.6",
                "etc/ssl/certs/ca-certificates.crt", "etc/passwd", "etc/group")) {
            assertThat(all).as(file).containsKey(file);
            assertThat(all.get(file).data().length).as(file + " size").isPositive();
        }
        // The jars change with every commit, the runtime and the libraries rarely: not one layer.
        assertThat(layerOf("opt/lifeboat/lifeboat-service.jar")).isNotEqualTo(layerOf("opt/java/bin/java"));
        assertThat(new String(all.get("etc/passwd").data(), StandardCharsets.US_ASCII))
                .contains("lifeboat:x:65532:65532:");
        assertThat(new String(all.get("etc/group").data(), StandardCharsets.US_ASCII)).contains("lifeboat:x:65532:");
        assertThat(new String(all.get("opt/java/lifeboat-modules").data(), StandardCharsets.US_ASCII))
                .contains("java.base", "jdk.crypto.ec", "jdk.zipfs", "jdk.unsupported", "java.naming");
        // Headless: the libraries that would need X11 or ALSA are not in the image.
        assertThat(all).doesNotContainKeys("opt/java/lib/libawt_xawt.so", "opt/java/lib/libjsound.so");
    }

    @Test
    void theImageRunsTheCliTheServiceAndEtcdctl() throws Exception {
        Path dir = unpack();
        String user = config.at("/config/User").asText();
        List<String> env = strings(config.at("/config/Env"));

        Run cli = run(dir, user, env, "/opt/java/bin/java", "-jar", "/opt/lifeboat/lifeboat.jar", "--help");
        assertThat(cli.exit).as(cli.toString()).isZero();
        assertThat(cli.out).contains("Usage: lifeboat", "restore");

        // The entrypoint itself, as the image runs it: with no bucket it stops at start-up and says why.
        Run service = run(dir, user, env, ENTRYPOINT.toArray(String[]::new));
        assertThat(service.exit).as(service.toString()).isEqualTo(2);
        assertThat(service.err).contains("configuration error", "lifeboat.s3.bucket");

        Run etcdctl = run(dir, user, env, "/usr/local/bin/etcdctl", "version");
        assertThat(etcdctl.exit).as(etcdctl.toString()).isZero();
        assertThat(etcdctl.out).contains("etcdctl version:");

        // Non-root for real: the process the image starts is uid 65532.
        Run id = run(dir, user, env, "/opt/java/bin/java", "-XshowSettings:properties", "-version");
        assertThat(id.exit).as(id.toString()).isZero();
        assertThat(id.err).contains("user.name = lifeboat", "java.home = /opt/java");
    }

    private static Path unpack() throws IOException, InterruptedException {
        Path dir = root.resolve("rootfs");
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Files.createDirectories(dir);
        // The user the image runs as must be able to walk its own root.
        Files.setPosixFilePermissions(root, perms(0755));
        for (Map<String, Tar.Entry> layer : layers) {
            for (Map.Entry<String, Tar.Entry> e : layer.entrySet()) {
                if (e.getKey().isEmpty()) {
                    continue;
                }
                Path target = dir.resolve(e.getKey()).normalize();
                if (!target.startsWith(dir)) {
                    fail("tar entry outside the root: " + e.getKey());
                }
                switch (e.getValue().type()) {
                    case '5' -> Files.createDirectories(target);
                    case '0', '\0' -> {
                        Files.createDirectories(target.getParent());
                        Files.write(target, e.getValue().data());
                    }
                    default -> fail("unexpected tar entry type " + e.getValue().type() + " for " + e.getKey());
                }
                Files.setPosixFilePermissions(target, perms(e.getValue().mode()));
            }
        }
        Files.setPosixFilePermissions(dir, perms(0755));
        Files.createDirectories(dir.resolve("proc"));
        Files.createDirectories(dir.resolve("dev"));
        Process whoami = new ProcessBuilder("id", "-u").start();
        String uid = new String(whoami.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        whoami.waitFor();
        if (!uid.equals("0")) {
            fail("running the image needs root (chroot, mount, unshare); this test runs as uid " + uid);
        }
        return dir;
    }

    /** Runs a command in the unpacked image: private mount namespace, /proc and /dev, chroot, the image's user. */
    private static Run run(Path dir, String user, List<String> env, String... command)
            throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--fork", "sh", "-c",
                "d=$0; u=$1; shift; mount -t proc proc \"$d/proc\" && mount --rbind /dev \"$d/dev\""
                        + " && exec chroot --userspec=\"$u\" \"$d\" \"$@\"",
                dir.toString(), user));
        argv.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(argv);
        // The image's environment only, plus the host PATH for unshare, mount and chroot themselves
        // (chroot execs the command by absolute path).
        String hostPath = System.getenv("PATH");
        pb.environment().clear();
        for (String kv : env) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        pb.environment().put("PATH", hostPath + ":" + pb.environment().getOrDefault("PATH", ""));
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + argv);
        }
        Run r = new Run(String.join(" ", command), p.exitValue(), Files.readString(out), Files.readString(err));
        if (r.err.contains("Operation not permitted") && r.err.contains("unshare")) {
            fail("cannot run the image here: unshare/mount/chroot not permitted (needs root with CAP_SYS_ADMIN): " + r);
        }
        return r;
    }

    private record Run(String command, int exit, String out, String err) {
        @Override
        public String toString() {
            return command + " -> exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private static Map<String, Tar.Entry> merged() {
        Map<String, Tar.Entry> all = new LinkedHashMap<>();
        layers.forEach(all::putAll);
        return all;
    }

    private static int layerOf(String path) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).containsKey(path)) {
                return i;
            }
        }
        return fail("no layer holds " + path);
    }

    private static byte[] blob(String digest) {
        assertThat(digest).startsWith("sha256:");
        byte[] data = blobs.get("blobs/sha256/" + digest.substring("sha256:".length()));
        assertThat(data).as("blob " + digest).isNotNull();
        return data;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static String stripSlashes(String name) {
        String s = name.startsWith("./") ? name.substring(2) : name;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
