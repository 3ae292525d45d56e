package io.lifeboat.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of lifeboat that is running, recorded in each manifest it writes. */
public final class ToolVersion {

    private static final String CURRENT = load();

    private ToolVersion() {
    }

    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("/io/lifeboat/lifeboat.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
