package io.tstore.core.connector;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.schema.Schema;
import io.tstore.core.system.SystemTables;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.ReadBuilder;
import io.tstore.core.table.Table;
import io.tstore.core.table.TableCommit;
import io.tstore.core.table.TableWrite;
import io.tstore.core.tag.TagManager;
import io.tstore.core.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A read description survives Java serialization and JSON unchanged, and applied to a table reads what the same
 * calls on a read builder read: projection, filter, limit and time travel by snapshot, tag and time.
 */
class ReadDescriptionTest {
    @TempDir
    Path warehouse;

    private FileStoreTable table;
    private final List<Long> commitTimes = new ArrayList<>();

    @BeforeEach
    void createTable() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        catalog.createTable(Identifier.of("db", "t"), Schema.newBuilder()
                .column("k", DataTypes.INT().notNull())
                .column("v", DataTypes.STRING())
                .column("n", DataTypes.BIGINT())
                .primaryKey("k")
                .option("bucket", "2")
                .build(), false);
        table = catalog.getTable(Identifier.of("db", "t"));
        TableCommit commit = table.newCommit("test");
        for (int c = 1; c <= 3; c++) {
            try (TableWrite write = table.newWrite(false)) {
                for (int k = 0; k < 10 * c; k++) {
                    write.write(GenericRow.of(k, BinaryString.fromString("v" + c), (long) k * c));
                }
                commit.commit(c, write.prepareCommit(true));
            }
            commitTimes.add(table.snapshotManager().latestSnapshot().timeMillis());
            Thread.sleep(5);
        }
        new TagManager(table).createTag("first", 1);
    }

    private ReadDescription described() {
        PredicateBuilder where = new PredicateBuilder(table.rowType());
        return ReadDescription.all()
                .withProjection(new int[] {2, 0})
                .withFilter(PredicateBuilder.and(where.lessThan("k", 15), where.isNotNull("v")))
                .withLimit(100);
    }

    @Test
    void javaSerializationAndJsonKeepEveryField() throws Exception {
        List<ReadDescription> descriptions = List.of(ReadDescription.ALL, described(), described().atSnapshot(2),
                described().atTag("first"), described().atTimestampMillis(1234L), ReadDescription.all().withLimit(0));
        for (ReadDescription description : descriptions) {
            assertThat(javaRoundTrip(description)).isEqualTo(description);
            assertThat(ReadDescription.fromJson(description.toJson())).isEqualTo(description);
        }
        assertThat(described().atTag("first").toJson()).contains("\"version\":1", "\"projection\":[2,0]", "\"tag\":\"first\"",
                "\"snapshotId\":null", "\"limit\":100", "\"function\":\"LESS_THAN\"");
    }

    @Test
    void applyReadsWhatTheBuilderReads() throws Exception {
        ReadDescription description = described().withLimit(-1);
        PredicateBuilder where = new PredicateBuilder(table.rowType());
        List<String> expected = strings(table.newReadBuilder().withProjection(new int[] {2, 0})
                .withFilter(PredicateBuilder.and(where.lessThan("k", 15), where.isNotNull("v"))).readAll());
        assertThat(strings(description.apply(table).readAll())).isEqualTo(expected).hasSize(15);
        Table shipped = TableHandle.of(table).load();
        assertThat(strings(ReadDescription.fromJson(description.toJson()).apply(shipped).readAll())).isEqualTo(expected);
        assertThat(description.withLimit(4).apply(table).readAll()).hasSize(4);
        assertThat(description.apply(table).readType().fieldNames()).containsExactly("n", "k");
    }

    @Test
    void timeTravelBySnapshotTagAndTime() throws Exception {
        assertThat(ReadDescription.all().atSnapshot(2).apply(table).readAll()).hasSize(20);
        assertThat(ReadDescription.all().atTag("first").apply(table).readAll()).hasSize(10);
        assertThat(ReadDescription.all().atTimestampMillis(commitTimes.get(1)).apply(table).readAll()).hasSize(20);
        assertThat(ReadDescription.all().atTimestampMillis(commitTimes.get(0) - 1_000_000).apply(table).readAll()).isEmpty();
        assertThat(ReadDescription.all().atSnapshot(1).atLatest().apply(table).readAll()).hasSize(30);
        // A later choice replaces an earlier one.
        assertThat(ReadDescription.all().atSnapshot(1).atTag("first").snapshotId()).isNull();
        assertThatThrownBy(() -> ReadDescription.all().atTag("missing").apply(table).readAll())
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> ReadDescription.all().atSnapshot(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void systemTablesHaveNoTimeTravelAndNoStreamingScan() throws Exception {
        Table snapshots = SystemTables.load(table, "snapshots");
        assertThat(ReadDescription.all().withProjection(new int[] {0}).apply(snapshots).readAll()).hasSize(3);
        assertThatThrownBy(() -> ReadDescription.all().atSnapshot(1).apply(snapshots))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("db.t$snapshots");
        ReadBuilder builder = snapshots.newReadBuilder();
        assertThatThrownBy(builder::newStreamScan)
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("db.t$snapshots")
                .hasMessageContaining("batch");
        // Data tables stream through the interface, no cast needed.
        ReadBuilder data = table.newReadBuilder();
        assertThat(data.newStreamScan().plan().splits()).isNotEmpty();
    }

    @Test
    void errorsNameTheProblem() throws Exception {
        assertThatThrownBy(() -> ReadDescription.fromJson("{\"version\": 7}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 7");
        assertThatThrownBy(() -> ReadDescription.fromJson("{\"version\": 1, \"projection\": \"all\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("projection");
        assertThatThrownBy(() -> ReadDescription.fromJson("{\"version\":1,\"snapshotId\":2,\"tag\":\"first\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one point in time");
        assertThatThrownBy(() -> ReadDescription.all().withLimit(-2)).hasMessageContaining("limit");
        ReadDescription description = described();
        Field version = ReadDescription.class.getDeclaredField("version");
        version.setAccessible(true);
        ReadDescription future = described();
        version.setInt(future, 2);
        byte[] bytes = serialize(future);
        assertThatThrownBy(() -> deserialize(bytes))
                .isInstanceOf(InvalidObjectException.class).hasMessageContaining("version 2");
        assertThat(javaRoundTrip(description)).isEqualTo(description);
    }

    private static List<String> strings(List<InternalRow> rows) {
        List<String> out = new ArrayList<>();
        for (InternalRow row : rows) {
            out.add(row.getLong(0) + ":" + row.getInt(1));
        }
        out.sort(null);
        return out;
    }

    private static ReadDescription javaRoundTrip(ReadDescription description) throws Exception {
        return deserialize(serialize(description));
    }

    private static byte[] serialize(ReadDescription description) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(description);
        }
        return bytes.toByteArray();
    }

    private static ReadDescription deserialize(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (ReadDescription) in.readObject();
        }
    }
}
