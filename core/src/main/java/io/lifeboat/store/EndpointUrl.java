package io.lifeboat.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Strict parsing of the URLs lifeboat connects to (the S3 endpoint, etcd's client URLs),
 * shared by the service and the CLI.
 *
 * <p>Why strict: an S3 endpoint the SDK cannot use is silently dropped by it, and the client
 * then talks to s3.amazonaws.com, sending the bucket name, the key id and the snapshot to an
 * endpoint nobody chose. So anything but an absolute {@code http(s)://host[:port]} (an
 * optional trailing slash aside) is refused with a message naming the setting: no other
 * scheme, no path, query, fragment or user info, no surrounding spaces.
 */
public final class EndpointUrl {

    private EndpointUrl() {
    }

    /**
     * @param setting the setting's name for the message, e.g. {@code lifeboat.s3.endpoint}
     * @param requirePort whether the port must be given (etcd has no default port in a URL)
     * @throws IllegalArgumentException naming the setting and the value
     */
    public static URI parse(String setting, String text, boolean requirePort) {
        String expected = requirePort ? "http(s)://HOST:PORT" : "http(s)://HOST[:PORT]";
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(setting + " is empty; expected " + expected);
        }
        if (!text.strip().equals(text)) {
            throw new IllegalArgumentException(setting + " '" + text + "' has leading or trailing spaces; expected "
                    + expected);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " '" + text + "' is not a URL (" + e.getReason()
                    + "); expected " + expected, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(setting + " '" + text + "' must start with http:// or https://; expected "
                    + expected);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(setting + " '" + text + "' has no host name; expected " + expected);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException(setting + " '" + text + "' must be only scheme, host and port;"
                    + " expected " + expected);
        }
        if (requirePort && uri.getPort() < 1 || uri.getPort() > 65535) {
            throw new IllegalArgumentException(setting + " '" + text + "' needs a port 1-65535; expected " + expected);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }
}
