package io.tstore.core.format;

import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Writing and reading whole files in tests. */
final class FormatTestSupport {
    private FormatTestSupport() {}

    /** Every format with every compression. */
    static Stream<FileFormat> allFormats() {
        List<FileFormat> formats = new ArrayList<>();
        for (FileFormatType type : FileFormatType.values()) {
            for (FileCompression compression : FileCompression.values()) {
                formats.add(FileFormat.of(type, compression.toString()));
            }
        }
        return formats.stream();
    }

    /** Each format with its default compression. */
    static Stream<FileFormat> formats() {
        return Stream.of(FileFormat.of(FileFormatType.ORC, "zstd"), FileFormat.of(FileFormatType.PARQUET, "zstd"));
    }

    /**
     * Asserts that rows are equal, reporting the first differing row and field by name rather than dumping every
     * row.
     */
    static void assertRowsEqual(List<GenericRow> actual, List<GenericRow> expected, RowType type) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            GenericRow a = actual.get(i);
            GenericRow e = expected.get(i);
            if (!a.equals(e)) {
                for (int f = 0; f < type.fieldCount(); f++) {
                    GenericRow af = GenericRow.of(a.getField(f));
                    GenericRow ef = GenericRow.of(e.getField(f));
                    if (!af.equals(ef)) {
                        RowType fieldType = type.project(new int[] {f});
                        throw new AssertionError(String.format("Row %d differs in field '%s' (%s):%n expected %s%n   actual %s",
                                i, type.fields().get(f).name(), type.typeAt(f),
                                InternalRows.toString(ef, fieldType), InternalRows.toString(af, fieldType)));
                    }
                }
                throw new AssertionError("Row " + i + " differs: expected " + e + " but was " + a);
            }
        }
        if (actual.size() != expected.size()) {
            throw new AssertionError("Expected " + expected.size() + " rows but read " + actual.size());
        }
    }

    static FileStats write(FileFormat format, FileIO fileIO, Path path, RowType type, List<? extends InternalRow> rows)
            throws IOException {
        FormatWriter writer = format.writerFactory().create(fileIO, path, type);
        try {
            for (InternalRow row : rows) {
                writer.addRow(row);
            }
            return writer.close();
        } catch (IOException | RuntimeException e) {
            writer.abort();
            throw e;
        }
    }

    static List<GenericRow> read(FileFormat format, FileIO fileIO, Path path, RowType fileType, RowType readType)
            throws IOException {
        return read(format, fileIO, path, fileType, readType, ReadOptions.defaults());
    }

    static List<GenericRow> read(
            FileFormat format, FileIO fileIO, Path path, RowType fileType, RowType readType, ReadOptions options)
            throws IOException {
        RecordReader<InternalRow> reader = format.readerFactory().create(fileIO, path, fileType, readType, options);
        return TestRows.generic(RecordReader.toList(reader), readType);
    }
}
