package io.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Test keys and certificates made by the {@code openssl} command, so that readers of PEM files
 * are tested on what the operator's tool really writes rather than on hand-made fixtures. Every
 * key is checked for the PEM header it was asked for: OpenSSL 3 changed the defaults (genrsa
 * writes PKCS#8 unless told {@code -traditional}), and a silently different format would make
 * a test prove nothing. Key material is never logged; failures carry openssl's stderr only.
 */
public final class Openssl {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final String RSA_BITS = "2048";
    private static final String CERT_DAYS = "2";

    private static volatile Boolean majorVersion3OrLater;

    private Openssl() {
    }

    /** A new 2048-bit RSA key in PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), as kubeadm writes its keys. */
    public static Path rsaKeyPkcs1(Path file) {
        List<String> command = new ArrayList<>(List.of("genrsa", "-out", file.toString()));
        if (isVersion3OrLater()) {
            // OpenSSL 3 writes PKCS#8 by default; 1.1 and LibreSSL write PKCS#1 without the flag.
            command.add(1, "-traditional");
        }
        command.add(RSA_BITS);
        run(command);
        return requireHeader(file, "RSA PRIVATE KEY");
    }

    /** A new 2048-bit RSA key in unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
    public static Path rsaKeyPkcs8(Path file) {
        run(List.of("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + RSA_BITS,
                "-out", file.toString()));
        return requireHeader(file, "PRIVATE KEY");
    }

    /** A new EC P-256 key in unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
    public static Path ecKeyPkcs8(Path file) {
        run(List.of("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file.toString()));
        return requireHeader(file, "PRIVATE KEY");
    }

    /**
     * A new EC P-256 key in SEC1 ({@code BEGIN EC PRIVATE KEY}), as {@code openssl ecparam -genkey}
     * and cfssl write them. With {@code withParameters}, an {@code EC PARAMETERS} block comes
     * first, as {@code ecparam -genkey} writes without {@code -noout}.
     */
    public static Path ecKeySec1(Path file, boolean withParameters) {
        List<String> command = new ArrayList<>(List.of("ecparam", "-name", "prime256v1", "-genkey",
                "-out", file.toString()));
        if (!withParameters) {
            command.add("-noout");
        }
        run(command);
        return requireHeader(file, withParameters ? "EC PARAMETERS" : "EC PRIVATE KEY");
    }

    /** {@code openssl pkcs8 -topk8 -nocrypt}: the same key as unencrypted PKCS#8, written to {@code out}. */
    public static Path toPkcs8(Path key, Path out) {
        run(List.of("pkcs8", "-topk8", "-nocrypt", "-in", key.toString(), "-out", out.toString()));
        return requireHeader(out, "PRIVATE KEY");
    }

    /** A self-signed CA certificate for {@code key}, valid for two days; returns {@code cert}. */
    public static Path selfSignedCa(Path key, String commonName, Path cert) {
        run(List.of("req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=" + commonName,
                "-days", CERT_DAYS, "-out", cert.toString(),
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign"));
        return requireHeader(cert, "CERTIFICATE");
    }

    /**
     * A certificate for {@code key} signed by the CA, with the given X.509v3 extensions (one
     * {@code name=value} per line, openssl's extension file syntax). The CSR and extension file
     * are temporary files next to {@code cert}.
     */
    static void issue(Path key, String commonName, String extensions, Path caCert, Path caKey, Path cert) {
        Path csr = cert.resolveSibling(cert.getFileName() + ".csr");
        Path ext = cert.resolveSibling(cert.getFileName() + ".ext");
        try {
            Files.writeString(ext, extensions);
            run(List.of("req", "-new", "-key", key.toString(), "-subj", "/CN=" + commonName, "-out", csr.toString()));
            // A random serial instead of a .srl file beside the CA (OpenSSL 3 wants one or the other).
            run(List.of("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                    "-set_serial", "0x" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong() >>> 1),
                    "-days", CERT_DAYS, "-extfile", ext.toString(), "-out", cert.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + ext, e);
        } finally {
            deleteQuietly(csr);
            deleteQuietly(ext);
        }
    }

    /**
     * The key in {@code file} as unencrypted PKCS#8 PEM ({@code openssl pkey}), for JDK code that
     * reads no PKCS#1. The text is key material: never log it.
     */
    static String pkcs8Pem(Path file) {
        return run(List.of("pkey", "-in", file.toString())).stdout();
    }

    private static boolean isVersion3OrLater() {
        Boolean known = majorVersion3OrLater;
        if (known == null) {
            // "OpenSSL 3.0.13 30 Jan 2024 (Library: ...)", "OpenSSL 1.1.1w  11 Sep 2023", "LibreSSL 3.3.6"
            String version = run(List.of("version")).stdout().strip();
            known = version.matches("OpenSSL ([3-9]|\\d\\d)\\..*");
            majorVersion3OrLater = known;
        }
        return known;
    }

    private static ToolRun run(List<String> arguments) {
        List<String> command = new ArrayList<>(arguments.size() + 1);
        command.add("openssl");
        command.addAll(arguments);
        return ToolRun.run(command, Map.of(), TIMEOUT).requireSuccess();
    }

    private static Path requireHeader(Path file, String pemType) {
        String firstLine;
        try {
            firstLine = Files.readAllLines(file).stream().findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String expected = "-----BEGIN " + pemType + "-----";
        if (!firstLine.equals(expected)) {
            // The header line is no key material; the body is never shown.
            throw new IllegalStateException("openssl wrote " + file + " starting with '" + firstLine + "', not '"
                    + expected + "': this openssl's defaults differ from what the test needs");
        }
        return file;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover CSR in a test dir is harmless.
        }
    }
}
