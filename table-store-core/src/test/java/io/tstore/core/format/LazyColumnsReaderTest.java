package io.tstore.core.format;

import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.fs.LocalFileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.predicate.OrcPredicates;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link LazyColumnsReader}: the eager fields of every row and the lazy fields of the rows asked for, read back
 * equal to what was written, whichever rows are asked for (all, runs with gaps, a few across row groups, none),
 * and lazy rows stay valid after the reader moved on and closed.
 */
class LazyColumnsReaderTest {
    /** The integral fields of every type first (eager), then every other type (lazy). */
    private static final int EAGER = 5;
    /** More than two ORC row groups (10,000 rows each) and many batches, the last one partial. */
    private static final int ROWS = 25_321;

    @TempDir
    static java.nio.file.Path dir;

    private static final LocalFileIO FILE_IO = new LocalFileIO();
    private static RowType type;
    private static List<GenericRow> written;
    private static Path orcFile;

    @BeforeAll
    static void writeFile() throws IOException {
        type = TestRows.ALL_TYPES;
        written = TestRows.rows(7, type, ROWS);
        orcFile = new Path(dir.resolve("lazy.orc").toString());
        FileFormat orc = FileFormat.of(FileFormatType.ORC, "zstd");
        FormatWriter writer = orc.writerFactory().create(FILE_IO, orcFile, type);
        for (GenericRow row : written) {
            writer.addRow(row);
        }
        writer.close();
    }

    private static LazyColumnsReader open() throws IOException {
        LazyColumnsReader reader = FileFormat.of(FileFormatType.ORC, "zstd").readerFactory()
                .createLazyColumns(FILE_IO, orcFile, type, type, EAGER, ReadOptions.defaults());
        assertNotNull(reader, "ORC reads files without schema evolution lazily");
        return reader;
    }

    /** Asked for with each probability, per row; 0.0005 leaves whole row groups and batches unasked. */
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.5, 0.02, 0.0005, 0.0})
    void readsTheLazyFieldsOfTheRowsAskedFor(double probability) throws IOException {
        Random random = new Random(Double.hashCode(probability));
        RowType eagerType = type.project(range(0, EAGER));
        RowType lazyType = type.project(range(EAGER, type.fieldCount()));
        List<Integer> asked = new ArrayList<>();
        List<InternalRow> lazyRows = new ArrayList<>();
        try (LazyColumnsReader reader = open()) {
            for (int i = 0; i < ROWS; i++) {
                assertEquals(true, reader.next(), "row " + i);
                GenericRow expected = written.get(i);
                for (int f = 0; f < EAGER; f++) {
                    boolean isNull = expected.isNullAt(f);
                    assertEquals(isNull, reader.isNullAt(f), "null of field " + f + " of row " + i);
                    if (!isNull) {
                        assertEquals(integral(expected.getField(f)), reader.getLong(f), "field " + f + " of row " + i);
                    }
                }
                assertEquals(project(expected, eagerType, 0), InternalRows.toGenericRow(reader.eagerRow(), eagerType));
                if (random.nextDouble() < probability) {
                    InternalRow lazy = reader.lazyRow();
                    // Asking again for the same row gives the same values.
                    assertEquals(InternalRows.toGenericRow(lazy, lazyType),
                            InternalRows.toGenericRow(reader.lazyRow(), lazyType));
                    asked.add(i);
                    lazyRows.add(lazy);
                }
            }
            assertFalse(reader.next());
            assertFalse(reader.next());
        }
        // Read only after the reader moved on and closed.
        for (int j = 0; j < asked.size(); j++) {
            int i = asked.get(j);
            assertEquals(project(written.get(i), lazyType, EAGER), InternalRows.toGenericRow(lazyRows.get(j), lazyType),
                    "lazy fields of row " + i);
        }
    }

    @Test
    void failsOffARow() throws IOException {
        try (LazyColumnsReader reader = open()) {
            assertThrows(IllegalStateException.class, () -> reader.getLong(0));
            assertThrows(IllegalStateException.class, reader::lazyRow);
        }
    }

    @Test
    void otherFormatsEvolvedSchemasAndFiltersReadRows() throws IOException {
        Path parquetFile = new Path(dir.resolve("rows.parquet").toString());
        FileFormat parquet = FileFormat.of(FileFormatType.PARQUET, "zstd");
        FormatWriter writer = parquet.writerFactory().create(FILE_IO, parquetFile, type);
        writer.addRow(written.get(0));
        writer.close();
        assertNull(parquet.readerFactory().createLazyColumns(FILE_IO, parquetFile, type, type, EAGER, ReadOptions.defaults()));

        FormatReaderFactory orc = FileFormat.of(FileFormatType.ORC, "zstd").readerFactory();
        // Field "int" (id 103) widened to BIGINT: the file's INT column must be cast.
        List<io.tstore.core.types.DataField> fields = new ArrayList<>(type.fields());
        fields.set(3, new io.tstore.core.types.DataField(103, "int", io.tstore.core.types.DataTypes.BIGINT(), null));
        RowType evolved = new RowType(fields);
        assertNull(orc.createLazyColumns(FILE_IO, orcFile, type, evolved, EAGER, ReadOptions.defaults()));
        ReadOptions filtered = ReadOptions.builder().orcSearchArgument(OrcPredicates.toSearchArgument(
                new PredicateBuilder(type).equal(4, 1L), type).orElseThrow()).build();
        assertNull(orc.createLazyColumns(FILE_IO, orcFile, type, type, EAGER, filtered));
        assertThrows(IllegalArgumentException.class,
                () -> orc.createLazyColumns(FILE_IO, orcFile, type, type, 0, ReadOptions.defaults()));
    }

    private static long integral(Object value) {
        return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue();
    }

    private static GenericRow project(GenericRow row, RowType projected, int from) {
        Object[] values = new Object[projected.fieldCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.getField(from + i);
        }
        return InternalRows.toGenericRow(GenericRow.of(values), projected);
    }

    private static int[] range(int from, int to) {
        int[] positions = new int[to - from];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = from + i;
        }
        return positions;
    }
}
