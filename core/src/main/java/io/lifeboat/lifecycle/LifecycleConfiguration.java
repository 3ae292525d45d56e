package io.lifeboat.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Objects;

/**
 * A bucket lifecycle configuration, as plain values in the JSON shape of S3's API: the JSON is
 * what {@code aws s3api put-bucket-lifecycle-configuration --lifecycle-configuration file://...}
 * takes, so the file infra ships and {@code lifeboat lifecycle print} need no translation to
 * be applied by hand. Only the parts lifeboat writes are modelled; the store layer maps them to
 * the SDK and keeps rules it did not write as the SDK returned them.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LifecycleConfiguration(@JsonProperty("Rules") List<Rule> rules) {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public LifecycleConfiguration {
        rules = List.copyOf(rules);
    }

    /** Pretty-printed, field order fixed by the records: stable enough to compare with a shipped file. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write lifecycle configuration as JSON: " + e.getMessage(), e);
        }
    }

    public static LifecycleConfiguration fromJson(String json) {
        try {
            return MAPPER.readValue(json, LifecycleConfiguration.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a lifecycle configuration: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * One rule. {@code transitions} and {@code abortIncompleteMultipartUpload} may each be empty
     * or null, not both.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Rule(@JsonProperty("ID") String id, @JsonProperty("Status") String status,
                       @JsonProperty("Filter") Filter filter,
                       @JsonProperty("Transitions") List<Transition> transitions,
                       @JsonProperty("AbortIncompleteMultipartUpload") AbortIncompleteMultipartUpload abortIncompleteMultipartUpload) {

        public static final String ENABLED = "Enabled";

        public Rule {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(filter, "filter");
            transitions = transitions == null ? List.of() : List.copyOf(transitions);
        }
    }

    /** Either a prefix alone, or {@code and}: a prefix and tags that must all match. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filter(@JsonProperty("Prefix") String prefix, @JsonProperty("And") And and) {

        public static Filter prefix(String prefix) {
            return new Filter(prefix, null);
        }

        public static Filter prefixAndTag(String prefix, Tag tag) {
            return new Filter(null, new And(prefix, List.of(tag)));
        }
    }

    public record And(@JsonProperty("Prefix") String prefix, @JsonProperty("Tags") List<Tag> tags) {
        public And {
            tags = List.copyOf(tags);
        }
    }

    public record Tag(@JsonProperty("Key") String key, @JsonProperty("Value") String value) {
    }

    public record Transition(@JsonProperty("Days") int days, @JsonProperty("StorageClass") String storageClass) {
    }

    public record AbortIncompleteMultipartUpload(@JsonProperty("DaysAfterInitiation") int daysAfterInitiation) {
    }
}
