package io.tstore.core.connector;

import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.Identifier;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Specs are parsed against the partition type, name the table in errors, and compare as partition directories write values. */
class PartitionSpecsTest {
    @TempDir
    Path warehouse;

    private FileStoreTable table;

    @BeforeEach
    void createTable() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(warehouse.toString(), Map.of());
        catalog.createDatabase("db", true);
        catalog.createTable(Identifier.of("db", "t"), Schema.newBuilder()
                .column("k", DataTypes.INT().notNull())
                .column("dt", DataTypes.DATE())
                .column("hr", DataTypes.INT())
                .column("region", DataTypes.STRING())
                .partitionKeys("dt", "hr", "region")
                .option("bucket", "1")
                .build(), false);
        table = catalog.getTable(Identifier.of("db", "t"));
    }

    @Test
    void parsesSeveralPartitionsWithTypedValuesWrittenAsDirectoriesWriteThem() {
        List<Map<String, String>> specs = PartitionSpecs.parse(table, " hr = 03 , dt=2024-05-01 ; region=eu;region=__DEFAULT_PARTITION__");
        assertThat(specs).containsExactly(
                Map.of("dt", "2024-05-01", "hr", "3"),
                Map.of("region", "eu"),
                Map.of("region", "__DEFAULT_PARTITION__"));
        assertThat(specs.get(0).keySet()).as("in the order of the partition keys").containsExactly("dt", "hr");
    }

    @Test
    void badKeysAndValuesAreErrorsNamingTableKeyAndValue() {
        assertThatThrownBy(() -> PartitionSpecs.parse(table, "dt=2024-05-01,name=x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db.t").hasMessageContaining("'name'").hasMessageContaining("not its partition keys [dt, hr, region]");
        assertThatThrownBy(() -> PartitionSpecs.parse(table, "hr=three"))
                .hasMessageContaining("db.t").hasMessageContaining("'three'").hasMessageContaining("'hr'").hasMessageContaining("INT");
        assertThatThrownBy(() -> PartitionSpecs.parse(table, "dt=2024-13-01"))
                .hasMessageContaining("'2024-13-01'").hasMessageContaining("'dt'").hasMessageContaining("DATE");
        assertThatThrownBy(() -> PartitionSpecs.parse(table, "dt"))
                .hasMessageContaining("db.t").hasMessageContaining("key=value");
        assertThatThrownBy(() -> PartitionSpecs.parse(table, "hr=1,hr=2")).hasMessageContaining("'hr' twice");
        assertThatThrownBy(() -> PartitionSpecs.parse(table, " ; ")).hasMessageContaining("no partition");
    }

    @Test
    void matcherSelectsPartitionsWithEveryValueOfASpec() {
        Predicate<BinaryRow> matcher = PartitionSpecs.matcher(table, PartitionSpecs.parse(table, "dt=2024-05-01,hr=3;region=__DEFAULT_PARTITION__"));
        assertThat(matcher.test(partition("2024-05-01", 3, "eu"))).isTrue();
        assertThat(matcher.test(partition("2024-05-01", 4, "eu"))).isFalse();
        assertThat(matcher.test(partition("2024-05-02", 4, null))).isTrue();
        assertThat(PartitionSpecs.toSpec(table, partition("2024-05-01", null, "us")))
                .containsExactly(Map.entry("dt", "2024-05-01"), Map.entry("hr", "__DEFAULT_PARTITION__"), Map.entry("region", "us"));
    }

    @Test
    void listsThePartitionsOfTheLatestSnapshot() throws Exception {
        assertThat(PartitionSpecs.list(table)).isEmpty();
        try (TableWrite write = table.newWrite(false)) {
            write.write(GenericRow.of(1, (int) LocalDate.parse("2024-05-01").toEpochDay(), 3, BinaryString.fromString("eu")));
            write.write(GenericRow.of(2, (int) LocalDate.parse("2024-05-01").toEpochDay(), null, BinaryString.fromString("eu")));
            write.write(GenericRow.of(3, (int) LocalDate.parse("2024-05-01").toEpochDay(), 3, BinaryString.fromString("eu")));
            table.newCommit("test").commit(1, write.prepareCommit(true));
        }
        assertThat(PartitionSpecs.list(table)).containsExactlyInAnyOrder(
                Map.of("dt", "2024-05-01", "hr", "3", "region", "eu"),
                Map.of("dt", "2024-05-01", "hr", "__DEFAULT_PARTITION__", "region", "eu"));
    }

    private BinaryRow partition(String dt, Integer hr, String region) {
        return InternalRows.toBinaryRow(GenericRow.of((int) LocalDate.parse(dt).toEpochDay(), hr,
                region == null ? null : BinaryString.fromString(region)), table.schema().logicalPartitionType());
    }
}
