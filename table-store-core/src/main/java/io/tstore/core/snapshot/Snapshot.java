package io.tstore.core.snapshot;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * One immutable version of a table, stored as JSON in {@code snapshot/snapshot-<id>}. It names the schema the
 * data was written with, the manifest lists describing all files (base: everything before this snapshot;
 * delta: this snapshot's own changes; changelog: its changelog files), who committed it and how, and the log
 * store offsets per bucket when a log store is on. The fields are documented in docs/spec.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "id", "schemaId", "baseManifestList", "deltaManifestList", "changelogManifestList",
        "commitUser", "commitIdentifier", "commitKind", "timeMillis", "totalRecordCount", "deltaRecordCount",
        "changelogRecordCount", "logOffsets"})
public final class Snapshot {
    /** The version of this JSON format; readers reject a newer one. */
    public static final int CURRENT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final int version;
    private final long id;
    private final long schemaId;
    private final String baseManifestList;
    private final String deltaManifestList;
    private final String changelogManifestList;
    private final String commitUser;
    private final long commitIdentifier;
    private final CommitKind commitKind;
    private final long timeMillis;
    private final long totalRecordCount;
    private final long deltaRecordCount;
    private final Long changelogRecordCount;
    private final Map<Integer, Long> logOffsets;

    @JsonCreator
    public Snapshot(
            @JsonProperty("version") int version,
            @JsonProperty("id") long id,
            @JsonProperty("schemaId") long schemaId,
            @JsonProperty("baseManifestList") String baseManifestList,
            @JsonProperty("deltaManifestList") String deltaManifestList,
            @JsonProperty("changelogManifestList") String changelogManifestList,
            @JsonProperty("commitUser") String commitUser,
            @JsonProperty("commitIdentifier") long commitIdentifier,
            @JsonProperty("commitKind") CommitKind commitKind,
            @JsonProperty("timeMillis") long timeMillis,
            @JsonProperty("totalRecordCount") long totalRecordCount,
            @JsonProperty("deltaRecordCount") long deltaRecordCount,
            @JsonProperty("changelogRecordCount") Long changelogRecordCount,
            @JsonProperty("logOffsets") Map<Integer, Long> logOffsets) {
        if (version > CURRENT_VERSION) {
            throw new IllegalArgumentException(
                    "Snapshot " + id + " has format version " + version + ", newer than this reader's " + CURRENT_VERSION);
        }
        if (id < 1) {
            throw new IllegalArgumentException("snapshot id must be at least 1, got " + id);
        }
        this.version = version;
        this.id = id;
        this.schemaId = schemaId;
        this.baseManifestList = requireNonNull(baseManifestList, "baseManifestList is null");
        this.deltaManifestList = requireNonNull(deltaManifestList, "deltaManifestList is null");
        this.changelogManifestList = changelogManifestList;
        this.commitUser = requireNonNull(commitUser, "commitUser is null");
        this.commitIdentifier = commitIdentifier;
        this.commitKind = requireNonNull(commitKind, "commitKind is null");
        this.timeMillis = timeMillis;
        this.totalRecordCount = totalRecordCount;
        this.deltaRecordCount = deltaRecordCount;
        this.changelogRecordCount = changelogRecordCount;
        this.logOffsets = logOffsets == null ? null : new TreeMap<>(logOffsets);
    }

    @JsonProperty("version")
    public int version() {
        return version;
    }

    @JsonProperty("id")
    public long id() {
        return id;
    }

    @JsonProperty("schemaId")
    public long schemaId() {
        return schemaId;
    }

    @JsonProperty("baseManifestList")
    public String baseManifestList() {
        return baseManifestList;
    }

    @JsonProperty("deltaManifestList")
    public String deltaManifestList() {
        return deltaManifestList;
    }

    /** The manifest list of changelog files, or null when this snapshot produced none. */
    @JsonProperty("changelogManifestList")
    public String changelogManifestList() {
        return changelogManifestList;
    }

    @JsonProperty("commitUser")
    public String commitUser() {
        return commitUser;
    }

    @JsonProperty("commitIdentifier")
    public long commitIdentifier() {
        return commitIdentifier;
    }

    @JsonProperty("commitKind")
    public CommitKind commitKind() {
        return commitKind;
    }

    @JsonProperty("timeMillis")
    public long timeMillis() {
        return timeMillis;
    }

    @JsonProperty("totalRecordCount")
    public long totalRecordCount() {
        return totalRecordCount;
    }

    @JsonProperty("deltaRecordCount")
    public long deltaRecordCount() {
        return deltaRecordCount;
    }

    @JsonProperty("changelogRecordCount")
    public Long changelogRecordCount() {
        return changelogRecordCount;
    }

    /** The next log offset of each bucket after this snapshot, or null without a log store. */
    @JsonProperty("logOffsets")
    public Map<Integer, Long> logOffsets() {
        return logOffsets;
    }

    @JsonIgnore
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Snapshot fromJson(String json) {
        try {
            return MAPPER.readValue(json, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a snapshot: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s
                && version == s.version && id == s.id && schemaId == s.schemaId
                && baseManifestList.equals(s.baseManifestList) && deltaManifestList.equals(s.deltaManifestList)
                && Objects.equals(changelogManifestList, s.changelogManifestList)
                && commitUser.equals(s.commitUser) && commitIdentifier == s.commitIdentifier
                && commitKind == s.commitKind && timeMillis == s.timeMillis
                && totalRecordCount == s.totalRecordCount && deltaRecordCount == s.deltaRecordCount
                && Objects.equals(changelogRecordCount, s.changelogRecordCount)
                && Objects.equals(logOffsets, s.logOffsets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, commitUser, commitIdentifier, commitKind, timeMillis);
    }

    @Override
    public String toString() {
        return "Snapshot{id=" + id + ", kind=" + commitKind + ", user=" + commitUser + ", identifier=" + commitIdentifier + "}";
    }
}
