package io.tstore.core.consumer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;

/**
 * What a streaming reader with a {@code consumer-id} has recorded: the id of the next snapshot it needs. Stored as
 * JSON in {@code consumer/consumer-<id>}; see docs/spec.md.
 */
public record Consumer(@JsonProperty("nextSnapshot") long nextSnapshot) {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @JsonCreator
    public Consumer {
        if (nextSnapshot < 1) {
            throw new IllegalArgumentException("a consumer's next snapshot must be at least 1, got " + nextSnapshot);
        }
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Consumer fromJson(String json) {
        try {
            return MAPPER.readValue(json, Consumer.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
