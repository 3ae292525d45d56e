package io.lifeboat.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes manifests as JSON, strictly: an unknown field, a missing field, a null
 * where a value belongs or a format version this code does not know is an error, because a
 * restore tool that guesses about a manifest can restore the wrong thing.
 */
public final class ManifestCodec {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    /** Two-space indent and LF on every OS (Jackson's default uses the OS line separator), so a manifest's bytes do not depend on who wrote it. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private ManifestCodec() {
    }

    public static byte[] write(Manifest manifest) {
        try {
            return (JSON.writer(PRETTY).writeValueAsString(manifest) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode manifest " + manifest.id(), e);
        }
    }

    /**
     * @param source where the bytes came from (object key or file), for the error message
     * @throws ManifestFormatException when the document is not a manifest this version reads
     */
    public static Manifest read(byte[] json, String source) {
        if (json == null || json.length == 0) {
            // A zero-byte object is what an interrupted or hand-made upload can leave: say so plainly.
            throw new ManifestFormatException(source, "is empty (0 bytes)", null);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (Exception e) {
            throw new ManifestFormatException(source, "is not JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject() || tree.isEmpty()) {
            throw new ManifestFormatException(source, "is not a JSON object", null);
        }
        // The version is checked before binding, so a newer document says "upgrade", not "unknown field".
        JsonNode version = tree.get("formatVersion");
        if (version == null || !version.isInt()) {
            throw new ManifestFormatException(source, "has no integer formatVersion", null);
        }
        if (version.intValue() != Manifest.FORMAT_VERSION) {
            throw new ManifestFormatException(source, "has format version " + version.intValue()
                    + "; this lifeboat reads version " + Manifest.FORMAT_VERSION + " (upgrade lifeboat to read it)",
                    null);
        }
        try {
            return JSON.treeToValue(tree, Manifest.class);
        } catch (Exception e) {
            throw new ManifestFormatException(source, "is not valid: " + e.getMessage(), e);
        }
    }
}
