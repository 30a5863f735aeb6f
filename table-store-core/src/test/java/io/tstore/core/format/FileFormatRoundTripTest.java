package io.tstore.core.format;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.format.orc.OrcTypes;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.HadoopFileIO;
import io.tstore.core.fs.LocalFileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PositionOutputStream;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;
import io.tstore.options.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.tstore.core.format.FormatTestSupport.assertRowsEqual;
import static io.tstore.core.format.FormatTestSupport.read;
import static io.tstore.core.format.FormatTestSupport.write;
import static io.tstore.core.format.TestRows.ALL_TYPES;
import static io.tstore.core.types.DataTypes.FIELD;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows of every type come back from every format and compression exactly as written, over any {@link FileIO}. */
class FileFormatRoundTripTest {
    @TempDir
    java.nio.file.Path tempDir;

    private final FileIO local = new LocalFileIO();

    private Path file(String name) {
        return new Path(new Path(tempDir.toString()), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void rowsReadAreSliceableAndStayIntactAfterLaterBatches(FileFormat format) throws IOException {
        List<GenericRow> rows = TestRows.rows(17, ALL_TYPES, 1_000);
        Path path = file("slices." + format.fileExtension());
        write(format, local, path, ALL_TYPES, rows);
        // Small batches: every row read is kept while many later batches are read.
        List<InternalRow> read;
        try (RecordReader<InternalRow> reader = format.readerFactory()
                .create(local, path, ALL_TYPES, ALL_TYPES, ReadOptions.builder().batchSize(7).build())) {
            read = RecordReader.toList(reader);
        }
        assertThat(read).hasSize(rows.size());
        int arity = ALL_TYPES.fieldCount();
        for (int i = 0; i < rows.size(); i++) {
            InternalRow row = read.get(i);
            assertThat(row).isInstanceOf(io.tstore.core.data.SliceableRow.class);
            int from = i % arity;
            int to = from + (i * 7) % (arity - from + 1);
            InternalRow slice = ((io.tstore.core.data.SliceableRow) row).slice(from, to);
            slice.setRowKind(io.tstore.lsm.RowKind.DELETE);
            assertThat(row.getRowKind()).isEqualTo(io.tstore.lsm.RowKind.INSERT);
            RowType sliceType = ALL_TYPES.project(java.util.stream.IntStream.range(from, to).toArray());
            GenericRow expected = rows.get(i).subRow(from, to);
            expected.setRowKind(io.tstore.lsm.RowKind.DELETE);
            assertRowsEqual(TestRows.generic(List.of(slice), sliceType), List.of(expected), sliceType);
        }
        assertRowsEqual(TestRows.generic(read, ALL_TYPES), rows, ALL_TYPES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#allFormats")
    void roundTripsRowsOfEveryTypeWithEveryCompression(FileFormat format) throws IOException {
        // More rows than a batch, and not a multiple of one, so that batches are reused and the last is partial.
        List<GenericRow> rows = TestRows.rows(format.hashCode(), ALL_TYPES, 2_500);
        Path path = file("data." + format.fileExtension());

        FileStats stats = write(format, local, path, ALL_TYPES, rows);

        assertThat(stats.rowCount()).isEqualTo(rows.size());
        assertThat(stats.fileSize()).isEqualTo(Files.size(java.nio.file.Path.of(path.toString())));
        assertRowsEqual(read(format, local, path, ALL_TYPES, ALL_TYPES), TestRows.generic(rows, ALL_TYPES), ALL_TYPES);
        assertWrittenWith(format, path);
    }

    /** Checks the codec and the field ids in the file with the format's own reader. */
    private static void assertWrittenWith(FileFormat format, Path path) throws IOException {
        org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(path.toUri());
        Configuration conf = new Configuration();
        if (format.type() == FileFormatType.ORC) {
            try (Reader reader = OrcFile.createReader(hadoopPath, OrcFile.readerOptions(conf))) {
                assertThat(reader.getCompressionKind()).isEqualTo(Map.of(
                        FileCompression.ZSTD, CompressionKind.ZSTD, FileCompression.LZ4, CompressionKind.LZ4,
                        FileCompression.SNAPPY, CompressionKind.SNAPPY, FileCompression.ZLIB, CompressionKind.ZLIB,
                        FileCompression.NONE, CompressionKind.NONE).get(format.compression()));
                assertThat(reader.getSchema().getChildren())
                        .extracting(child -> child.getAttributeValue(OrcTypes.FIELD_ID_ATTRIBUTE))
                        .containsExactlyElementsOf(ALL_TYPES.fields().stream()
                                .map(field -> Integer.toString(field.id())).collect(Collectors.toList()));
                assertThat(reader.getSchema().findSubtype("point.inner").getAttributeValue(OrcTypes.FIELD_ID_ATTRIBUTE))
                        .isEqualTo("202");
            }
        } else {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(hadoopPath, conf))) {
                ParquetMetadata footer = reader.getFooter();
                for (ColumnChunkMetaData column : footer.getBlocks().get(0).getColumns()) {
                    assertThat(column.getCodec()).isEqualTo(Map.of(
                            FileCompression.ZSTD, CompressionCodecName.ZSTD,
                            FileCompression.LZ4, CompressionCodecName.LZ4_RAW,
                            FileCompression.SNAPPY, CompressionCodecName.SNAPPY,
                            FileCompression.ZLIB, CompressionCodecName.GZIP,
                            FileCompression.NONE, CompressionCodecName.UNCOMPRESSED).get(format.compression()));
                }
                List<Type> fields = footer.getFileMetaData().getSchema().getFields();
                assertThat(fields).extracting(field -> field.getId().intValue())
                        .containsExactlyElementsOf(ALL_TYPES.fields().stream().map(f -> f.id()).collect(Collectors.toList()));
                assertThat(fields.get(ALL_TYPES.fieldIndex("point")).asGroupType().getType("inner").getId().intValue())
                        .isEqualTo(202);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void readsProjectedColumnsInTheOrderAsked(FileFormat format) throws IOException {
        List<GenericRow> rows = TestRows.rows(7, ALL_TYPES, 1_500);
        Path path = file("data." + format.fileExtension());
        write(format, local, path, ALL_TYPES, rows);

        int[] projection = {ALL_TYPES.fieldIndex("rows"), ALL_TYPES.fieldIndex("string"), ALL_TYPES.fieldIndex("big"),
                ALL_TYPES.fieldIndex("point"), ALL_TYPES.fieldIndex("ts9")};
        RowType projected = ALL_TYPES.project(projection);
        List<InternalRow> actual = RecordReader.toList(format.readerFactory().create(local, path, ALL_TYPES, projection));

        List<GenericRow> expected = rows.stream().map(row -> {
            Object[] values = new Object[projection.length];
            for (int i = 0; i < projection.length; i++) {
                values[i] = row.getField(projection[i]);
            }
            return GenericRow.of(values);
        }).collect(Collectors.toList());
        assertRowsEqual(TestRows.generic(actual, projected), TestRows.generic(expected, projected), projected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void readsNoColumnsAsEmptyRows(FileFormat format) throws IOException {
        List<GenericRow> rows = TestRows.rows(8, ALL_TYPES, 300);
        Path path = file("data." + format.fileExtension());
        write(format, local, path, ALL_TYPES, rows);

        List<GenericRow> actual = read(format, local, path, ALL_TYPES, ALL_TYPES.project(new int[0]));

        assertThat(actual).hasSize(rows.size()).allMatch(row -> row.getFieldCount() == 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void worksOnAnyFileIONotOnlyHadoopFileSystems(FileFormat format) throws IOException {
        InMemoryFileIO memory = new InMemoryFileIO();
        Path path = new Path("mem://bucket/warehouse/db.db/t/bucket-0/data-1." + format.fileExtension());
        List<GenericRow> rows = TestRows.rows(3, ALL_TYPES, 1_200);

        FileStats stats = write(format, memory, path, ALL_TYPES, rows);

        assertThat(stats.fileSize()).isEqualTo(memory.getFileStatus(path).length());
        assertRowsEqual(read(format, memory, path, ALL_TYPES, ALL_TYPES), TestRows.generic(rows, ALL_TYPES), ALL_TYPES);
        assertThat(memory.openedInputs.get()).isPositive();
        assertThat(memory.openInputs.get()).isZero();

        // A reader closed before its end leaves no stream open either.
        RecordReader<InternalRow> reader = format.readerFactory().create(memory, path, ALL_TYPES);
        assertThat(reader.read()).isNotNull();
        reader.close();
        assertThat(memory.openInputs.get()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void readsTheSameRowsWhateverTheBatchSize(FileFormat format) throws IOException {
        List<GenericRow> rows = TestRows.rows(9, ALL_TYPES, 1_000);
        Path path = file("batches." + format.fileExtension());
        write(format, local, path, ALL_TYPES, rows);

        for (int batchSize : new int[] {1, 7, 999, 1_000, 4_096}) {
            ReadOptions options = ReadOptions.builder().batchSize(batchSize).build();
            assertRowsEqual(
                    read(format, local, path, ALL_TYPES, ALL_TYPES, options), TestRows.generic(rows, ALL_TYPES), ALL_TYPES);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void readsFilesWrittenThroughHadoopFileIO(FileFormat format) throws IOException {
        Path root = new Path("file:" + tempDir);
        HadoopFileIO hadoop = new HadoopFileIO(root, Map.of());
        Path path = new Path(root, "hadoop file %1." + format.fileExtension());
        List<GenericRow> rows = TestRows.rows(4, ALL_TYPES, 1_100);

        write(format, hadoop, path, ALL_TYPES, rows);

        List<GenericRow> expected = TestRows.generic(rows, ALL_TYPES);
        assertRowsEqual(read(format, hadoop, path, ALL_TYPES, ALL_TYPES), expected, ALL_TYPES);
        // The same file through the local FileIO, by its path without the scheme.
        assertRowsEqual(read(format, local, new Path(new Path(tempDir.toString()), path.getName()), ALL_TYPES, ALL_TYPES),
                expected, ALL_TYPES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void writesIntoAStreamTheCallerOwnsAndCloses(FileFormat format) throws IOException {
        RowType type = RowType.builder().field("id", INT().notNull()).field("name", STRING()).build();
        Path path = file("stream." + format.fileExtension());
        PositionOutputStream out = local.newOutputStream(path, false);
        FormatWriter writer = format.writerFactory().create(out, type);
        for (int i = 0; i < 3_000; i++) {
            writer.addRow(GenericRow.of(i, i % 3 == 0 ? null : BinaryString.fromString("name-" + i)));
        }
        long estimate = writer.length();
        FileStats stats = writer.close();

        // The writer flushed but did not close the stream: it still takes bytes until the caller closes it.
        assertThat(out.getPos()).isEqualTo(stats.fileSize());
        assertThat(estimate).isPositive();
        assertThat(writer.close()).isSameAs(stats);
        out.close();
        List<GenericRow> actual = read(format, local, path, type, type);
        assertThat(actual).hasSize(3_000);
        assertThat(actual.get(2_999)).isEqualTo(GenericRow.of(2_999, BinaryString.fromString("name-2999")));
        assertThat(actual.get(3)).isEqualTo(GenericRow.of(3, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void writesAndReadsAnEmptyFile(FileFormat format) throws IOException {
        Path path = file("empty." + format.fileExtension());

        FileStats stats = write(format, local, path, ALL_TYPES, List.of());

        assertThat(stats.rowCount()).isZero();
        assertThat(stats.fieldStats()).hasSize(ALL_TYPES.fieldCount())
                .allMatch(field -> field.min() == null && field.max() == null && field.nullCount() == 0);
        assertThat(read(format, local, path, ALL_TYPES, ALL_TYPES)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void estimatedLengthGrowsWithTheRows(FileFormat format) throws IOException {
        Path path = file("growing." + format.fileExtension());
        FormatWriter writer = format.writerFactory().create(local, path, ALL_TYPES);
        long before = writer.length();
        for (GenericRow row : TestRows.rows(5, ALL_TYPES, 5_000)) {
            writer.addRow(row);
        }
        long after = writer.length();
        FileStats stats = writer.close();

        assertThat(after).isGreaterThan(before);
        assertThat(writer.rowCount()).isEqualTo(5_000);
        assertThat(writer.length()).isEqualTo(stats.fileSize());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void abortDeletesTheFileItCreated(FileFormat format) throws IOException {
        Path path = file("aborted." + format.fileExtension());
        FormatWriter writer = format.writerFactory().create(local, path, ALL_TYPES);
        for (GenericRow row : TestRows.rows(6, ALL_TYPES, 2_000)) {
            writer.addRow(row);
        }

        writer.abort();
        writer.abort();

        assertThat(local.exists(path)).isFalse();
        assertThatThrownBy(writer::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("aborted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void abortOnTheCallersStreamAddsNothingAndLeavesItOpen(FileFormat format) throws IOException {
        Path path = file("caller." + format.fileExtension());
        try (PositionOutputStream out = local.newOutputStream(path, false)) {
            FormatWriter writer = format.writerFactory().create(out, ALL_TYPES);
            for (GenericRow row : TestRows.rows(10, ALL_TYPES, 1_500)) {
                writer.addRow(row);
            }
            long before = out.getPos();

            writer.abort();

            assertThat(out.getPos()).isEqualTo(before);
            out.write(42);
            assertThat(out.getPos()).isEqualTo(before + 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void refusesNullInANotNullColumnNamingIt(FileFormat format) throws IOException {
        RowType type = new RowType(List.of(FIELD(4, "id", INT().notNull()), FIELD(9, "name", STRING())));
        FormatWriter writer = format.writerFactory().create(local, file("nulls." + format.fileExtension()), type);

        assertThatThrownBy(() -> writer.addRow(GenericRow.of(null, BinaryString.fromString("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id' (id 4)")
                .hasMessageContaining("NOT NULL");
        writer.abort();
    }

    @Test
    void parquetRefusesNullMapKeysWithAClearError() throws IOException {
        RowType type = RowType.builder().field("m", io.tstore.core.types.DataTypes.MAP(STRING(), INT())).build();
        FileFormat parquet = FileFormat.of(FileFormatType.PARQUET, "none");
        FormatWriter writer = parquet.writerFactory().create(local, file("keys.parquet"), type);

        assertThatThrownBy(() -> writer.addRow(GenericRow.of(new io.tstore.core.data.GenericMap(
                new Object[] {null}, new Object[] {1}))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null key");
        writer.abort();
    }

    @Test
    void parquetRefusesNanosecondTimestampsOutsideItsRange() throws IOException {
        RowType type = RowType.builder().field("at", io.tstore.core.types.DataTypes.TIMESTAMP(9)).build();
        FileFormat parquet = FileFormat.of(FileFormatType.PARQUET, "none");
        FormatWriter writer = parquet.writerFactory().create(local, file("ts.parquet"), type);

        assertThatThrownBy(() -> writer.addRow(GenericRow.of(
                io.tstore.core.data.Timestamp.fromEpochMillis(-62_135_596_800_000L, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1677 to 2262");
        writer.abort();
    }

    @Test
    void orcRefusesTheLastSecondBeforeTheEpochWhichParquetKeeps() throws IOException {
        RowType type = RowType.builder()
                .field("at", io.tstore.core.types.DataTypes.ARRAY(io.tstore.core.types.DataTypes.TIMESTAMP_LTZ(3)))
                .build();
        // 1969-12-31 23:59:59.500: ORC's encoding cannot tell it from 1970-01-01 00:00:00.500 (ORC-763).
        GenericRow row = GenericRow.of(io.tstore.core.data.GenericArray.of(
                io.tstore.core.data.Timestamp.fromEpochMillis(-1_000), io.tstore.core.data.Timestamp.fromEpochMillis(-500)));
        FileFormat orc = FileFormat.of(FileFormatType.ORC, "none");
        FormatWriter writer = orc.writerFactory().create(local, file("epoch.orc"), type);

        assertThatThrownBy(() -> writer.addRow(row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Column 'at.element'")
                .hasMessageContaining("1969-12-31T23:59:59.500")
                .hasMessageContaining("ORC-763")
                .hasMessageContaining("file.format=parquet");
        writer.abort();

        FileFormat parquet = FileFormat.of(FileFormatType.PARQUET, "none");
        write(parquet, local, file("epoch.parquet"), type, List.of(row));
        assertThat(read(parquet, local, file("epoch.parquet"), type, type))
                .containsExactly(TestRows.generic(List.of(row), type).get(0));
    }

    @Test
    void formatsComeFromTheTableOptions() {
        FileFormat format = FileFormat.fromOptions(new Options(Map.of("file.format", "parquet", "file.compression", "GZIP")));

        assertThat(format.type()).isEqualTo(FileFormatType.PARQUET);
        assertThat(format.compression()).isEqualTo(FileCompression.ZLIB);
        assertThat(format.fileExtension()).isEqualTo("parquet");
        assertThat(FileFormat.fromOptions(Options.empty()).type()).isEqualTo(FileFormatType.ORC);
        assertThat(FileFormat.fromOptions(Options.empty()).compression()).isEqualTo(FileCompression.ZSTD);
        assertThatThrownBy(() -> FileFormat.of(FileFormatType.ORC, "brotli"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'brotli'")
                .hasMessageContaining("file.compression")
                .hasMessageContaining("zstd, lz4, snappy, zlib (or gzip), none");
    }
}
