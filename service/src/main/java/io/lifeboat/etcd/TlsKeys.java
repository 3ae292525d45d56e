package io.lifeboat.etcd;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files etcd deployments use. kubeadm writes RSA keys in PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}), which the JDK and Netty do not read without BouncyCastle,
 * so PKCS#1 is wrapped into PKCS#8 here. Key material never reaches a log or a message.
 */
final class TlsKeys {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** DER prefix of a PKCS#8 PrivateKeyInfo holding an rsaEncryption key, before the length-prefixed key. */
    private static final byte[] RSA_ALGORITHM_ID = {
        0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
        0x01, 0x01, 0x05, 0x00};

    private TlsKeys() {
    }

    /** The certificates in {@code file}, the value of config key {@code key} (for messages). */
    static X509Certificate[] certificates(String key, Path file) throws IOException {
        X509Certificate[] certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))
                    .toArray(new X509Certificate[0]);
        } catch (GeneralSecurityException e) {
            throw new IOException(key + " " + file + " is not a PEM certificate", e);
        }
        // The JDK returns no certificate, rather than failing, for an empty file.
        if (certificates.length == 0) {
            throw new IOException(key + " " + file + " holds no certificate");
        }
        return certificates;
    }

    static PrivateKey privateKey(Path file) throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(file));
        // `openssl ecparam -genkey` writes an EC PARAMETERS block before the key itself.
        boolean found = m.find();
        while (found && m.group(1).endsWith(" PARAMETERS")) {
            found = m.find();
        }
        if (!found) {
            throw new IOException("lifeboat.etcd.key " + file + " holds no PEM block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            // The decoder's message names no byte of the input.
            throw new IOException("lifeboat.etcd.key " + file + " is not valid PEM: " + e.getMessage(), e);
        }
        String type = m.group(1);
        try {
            return switch (type) {
                case "PRIVATE KEY" -> pkcs8(der);
                case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapRsa(der)));
                default -> throw new IOException("lifeboat.etcd.key " + file + " is a '" + type + "' PEM block;"
                        + " convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
            };
        } catch (GeneralSecurityException e) {
            throw new IOException("lifeboat.etcd.key " + file + " is not a readable private key", e);
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** PKCS#1 RSAPrivateKey -> PKCS#8 PrivateKeyInfo {version 0, rsaEncryption, OCTET STRING pkcs1}. */
    static byte[] wrapRsa(byte[] pkcs1) {
        byte[] octet = concat(new byte[] {0x04}, derLength(pkcs1.length), pkcs1);
        byte[] body = concat(RSA_ALGORITHM_ID, octet);
        return concat(new byte[] {0x30}, derLength(body.length), body);
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
