package io.tstore.core.format.parquet;

import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.format.FormatReaderFactory;
import io.tstore.core.format.ReadOptions;
import io.tstore.core.format.SchemaEvolution;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.InputFile;

import java.io.IOException;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Opens Parquet files through {@link ParquetStreams.FileIOInputFile}, requesting only the columns the read needs.
 *
 * <p>A {@link ReadOptions#parquetFilter()} skips row groups (by statistics, dictionaries and bloom filters) and pages
 * (by column indexes), but never single records, as ORC does not either: callers filter the rows they get again. The
 * columns the filter names are read even when the read type does not need them, because Parquet's page filter
 * takes a column that is not read for a column of nulls and would skip pages with matching rows.
 */
final class ParquetReaderFactory implements FormatReaderFactory {

    @Override
    public RecordReader<InternalRow> create(
            FileIO fileIO, Path path, RowType fileRowType, RowType readRowType, ReadOptions options) throws IOException {
        requireNonNull(fileIO, "fileIO is null");
        requireNonNull(path, "path is null");
        requireNonNull(options, "options is null");
        SchemaEvolution evolution = SchemaEvolution.of(fileRowType, readRowType);
        Set<String> filterColumns = options.parquetFilter().map(ParquetFilterColumns::of).orElse(Set.of());
        ReadSupport<GenericRow> readSupport =
                new ParquetRowReadSupport(evolution.fileReadType(), filterColumns, path.toString());
        ParquetReader.Builder<GenericRow> builder = new Builder(new ParquetStreams.FileIOInputFile(fileIO, path), readSupport)
                .withConf(new Configuration(false))
                .useRecordFilter(false);
        options.parquetFilter().ifPresent(builder::withFilter);
        ParquetReader<GenericRow> reader = builder.build();
        return new RecordReader<>() {
            @Override
            public InternalRow read() throws IOException {
                GenericRow row = reader.read();
                return row == null ? null : evolution.evolve(row);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }

            @Override
            public String toString() {
                return "ParquetRowReader(" + path + ")";
            }
        };
    }

    private static final class Builder extends ParquetReader.Builder<GenericRow> {
        private final ReadSupport<GenericRow> readSupport;

        Builder(InputFile file, ReadSupport<GenericRow> readSupport) {
            super(file);
            this.readSupport = readSupport;
        }

        @Override
        protected ReadSupport<GenericRow> getReadSupport() {
            return readSupport;
        }
    }
}
