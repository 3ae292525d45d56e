package io.lifeboat.infra.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Paths in the source tree and in the reactor's build output that the systemd tests use. */
final class Repo {

    private Repo() {
    }

    /** The repository root: tests run with the infra module as working directory. */
    static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = dir.getFileName().toString().equals("infra") ? dir.getParent() : dir;
        if (!Files.isDirectory(root.resolve("infra/systemd"))) {
            throw new IllegalStateException("cannot find infra/systemd from " + dir);
        }
        return root;
    }

    static Path systemd() {
        return root().resolve("infra/systemd");
    }

    static Path script(String name) {
        return systemd().resolve("lib").resolve(name);
    }

    /** service/target/lifeboat-service-*.jar (the shaded one, not original-*): built before infra. */
    static Path serviceJar() {
        Path target = root().resolve("service/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("lifeboat-service-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no lifeboat-service-*.jar in " + target
                            + ": build with -am (the reactor packages service before infra)"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
    }

    /** restore-cli/target/lifeboat, the launcher beside lifeboat.jar. */
    static Path cli() {
        Path cli = root().resolve("restore-cli/target/lifeboat");
        if (!Files.isExecutable(cli) || !Files.isRegularFile(cli.resolveSibling("lifeboat.jar"))) {
            throw new IllegalStateException("no lifeboat CLI at " + cli + ": build with -am");
        }
        return cli;
    }
}
