package io.tstore.core.format;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.fs.LocalFileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.types.RowType;
import org.apache.hadoop.hive.ql.io.sarg.PredicateLeaf;
import org.apache.hadoop.hive.ql.io.sarg.SearchArgumentFactory;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.tstore.core.format.FormatTestSupport.read;
import static io.tstore.core.format.FormatTestSupport.write;
import static io.tstore.core.types.DataTypes.FIELD;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.ROW;
import static io.tstore.core.types.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushed-down filters let readers skip data (ORC row groups, Parquet row groups and pages) and never lose a
 * matching row.
 */
class FormatFilterTest {
    private static final int ROWS = 30_000;
    private static final RowType TYPE = ROW(FIELD(7, "id", INT().notNull()), FIELD(8, "name", STRING()));
    /** The same columns after 'id' was renamed: filters still name the file's column. */
    private static final RowType RENAMED = ROW(FIELD(8, "label", STRING()), FIELD(7, "key", INT().notNull()));

    @TempDir
    java.nio.file.Path tempDir;

    private final LocalFileIO local = new LocalFileIO();
    private final List<GenericRow> rows = new ArrayList<>();

    @BeforeEach
    void makeRows() {
        // Sorted by id, so that the statistics of row groups and pages are narrow.
        for (int i = 0; i < ROWS; i++) {
            rows.add(GenericRow.of(i, BinaryString.fromString("name-" + i)));
        }
    }

    private Path writeFile(FileFormat format) throws IOException {
        Path path = new Path(new Path(tempDir.toString()), "sorted." + format.fileExtension());
        write(format, local, path, TYPE, rows);
        return path;
    }

    @Test
    void orcSkipsRowGroupsBySearchArgument() throws IOException {
        FileFormat orc = FileFormat.of(FileFormatType.ORC, "zstd");
        Path path = writeFile(orc);
        ReadOptions idBelow100 = ReadOptions.builder()
                .orcSearchArgument(SearchArgumentFactory.newBuilder().lessThan("id", PredicateLeaf.Type.LONG, 100L).build())
                .build();

        List<GenericRow> filtered = read(orc, local, path, TYPE, RENAMED, idBelow100);

        // ORC's row groups hold 10,000 rows: the first one is read, the others are skipped.
        assertThat(filtered.size()).isLessThanOrEqualTo(10_000);
        assertThat(keys(filtered)).containsAll(expectedKeysBelow(100));
        // The filter column need not be read.
        assertThat(read(orc, local, path, TYPE, ROW(FIELD(8, "label", STRING())), idBelow100).size())
                .isEqualTo(filtered.size());
        ReadOptions none = ReadOptions.builder()
                .orcSearchArgument(SearchArgumentFactory.newBuilder().lessThan("id", PredicateLeaf.Type.LONG, -1L).build())
                .build();
        assertThat(read(orc, local, path, TYPE, TYPE, none)).isEmpty();
    }

    @Test
    void parquetSkipsRowGroupsAndPagesByFilter() throws IOException {
        FileFormat parquet = FileFormat.of(FileFormatType.PARQUET, "zstd");
        Path path = writeFile(parquet);
        ReadOptions idBelow100 = ReadOptions.builder()
                .parquetFilter(FilterCompat.get(FilterApi.lt(FilterApi.intColumn("id"), 100)))
                .build();

        List<GenericRow> filtered = read(parquet, local, path, TYPE, RENAMED, idBelow100);

        // Pages hold at most 20,000 rows: the first is read, the second is skipped by its column index.
        assertThat(filtered.size()).isLessThan(ROWS);
        assertThat(keys(filtered)).containsAll(expectedKeysBelow(100));
        // Records are not filtered one by one: the filter column need not be read, and nothing matching is lost.
        assertThat(read(parquet, local, path, TYPE, ROW(FIELD(8, "label", STRING())), idBelow100).size())
                .isEqualTo(filtered.size());
        ReadOptions none = ReadOptions.builder()
                .parquetFilter(FilterCompat.get(FilterApi.lt(FilterApi.intColumn("id"), -1)))
                .build();
        assertThat(read(parquet, local, path, TYPE, TYPE, none)).isEmpty();
    }

    @Test
    void eachFormatIgnoresTheOtherFormatsFilter() throws IOException {
        ReadOptions both = ReadOptions.builder()
                .orcSearchArgument(SearchArgumentFactory.newBuilder().lessThan("id", PredicateLeaf.Type.LONG, -1L).build())
                .parquetFilter(FilterCompat.get(FilterApi.lt(FilterApi.intColumn("id"), -1)))
                .build();
        FileFormat orc = FileFormat.of(FileFormatType.ORC, "none");
        FileFormat parquet = FileFormat.of(FileFormatType.PARQUET, "none");
        ReadOptions orcOnly = both.toBuilder().parquetFilter(null).build();
        ReadOptions parquetOnly = both.toBuilder().orcSearchArgument(null).build();

        assertThat(read(orc, local, writeFile(orc), TYPE, TYPE, parquetOnly)).hasSize(ROWS);
        assertThat(read(parquet, local, writeFile(parquet), TYPE, TYPE, orcOnly)).hasSize(ROWS);
    }

    private static List<Integer> keys(List<GenericRow> rows) {
        return rows.stream().map(row -> (Integer) row.getField(1)).collect(Collectors.toList());
    }

    private static List<Integer> expectedKeysBelow(int bound) {
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < bound; i++) {
            keys.add(i);
        }
        return keys;
    }
}
