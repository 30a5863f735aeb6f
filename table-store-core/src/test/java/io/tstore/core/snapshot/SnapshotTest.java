package io.tstore.core.snapshot;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotTest {

    @Test
    void roundTripsThroughJsonWithNamedFields() {
        Snapshot snapshot = new Snapshot(1, 7, 2, "manifest-list-a", "manifest-list-b", "manifest-list-c",
                "user-1", 42, CommitKind.APPEND, 1_700_000_000_000L, 100, 10, 5L, Map.of(0, 12L, 1, 30L));
        String json = snapshot.toJson();
        assertThat(json).contains("\"id\" : 7", "\"commitKind\" : \"APPEND\"", "\"logOffsets\"");
        assertThat(Snapshot.fromJson(json)).isEqualTo(snapshot);
    }

    @Test
    void optionalFieldsAreLeftOutAndUnknownFieldsIgnored() {
        Snapshot snapshot = new Snapshot(1, 1, 0, "b", "d", null, "u", 1, CommitKind.COMPACT, 1, 0, 0, null, null);
        String json = snapshot.toJson();
        assertThat(json).doesNotContain("changelogManifestList", "logOffsets", "changelogRecordCount");
        String withExtra = json.replaceFirst("\\{", "{ \"someFutureField\" : 3,");
        assertThat(Snapshot.fromJson(withExtra)).isEqualTo(snapshot);
    }

    @Test
    void aNewerFormatVersionIsRejected() {
        String json = new Snapshot(1, 1, 0, "b", "d", null, "u", 1, CommitKind.APPEND, 1, 0, 0, null, null)
                .toJson().replace("\"version\" : 1", "\"version\" : 99");
        assertThatThrownBy(() -> Snapshot.fromJson(json)).hasMessageContaining("format version 99");
    }
}
