package io.tstore.core.format.parquet;

import io.tstore.core.data.InternalRow;
import io.tstore.core.format.FormatWriter;
import io.tstore.core.format.FormatWriterFactory;
import io.tstore.core.fs.PositionOutputStream;
import io.tstore.core.types.RowType;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/** Creates {@link ParquetFormatWriter}s with Parquet's defaults (row groups, pages, dictionaries) and the codec. */
final class ParquetWriterFactory implements FormatWriterFactory {
    private final CompressionCodecName codec;

    ParquetWriterFactory(CompressionCodecName codec) {
        this.codec = requireNonNull(codec, "codec is null");
    }

    @Override
    public FormatWriter create(PositionOutputStream out, RowType rowType) throws IOException {
        requireNonNull(out, "out is null");
        requireNonNull(rowType, "rowType is null");
        long startPos = out.getPos();
        ParquetStreams.StreamOutputFile file = new ParquetStreams.StreamOutputFile(out);
        ParquetWriter<InternalRow> writer = new Builder(file, rowType)
                // Without default resources: Parquet's settings are its defaults and the ones made here.
                .withConf(new Configuration(false))
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(codec)
                .build();
        return new ParquetFormatWriter(out, file, startPos, writer, rowType);
    }

    private static final class Builder extends ParquetWriter.Builder<InternalRow, Builder> {
        private final RowType rowType;

        Builder(OutputFile file, RowType rowType) {
            super(file);
            this.rowType = rowType;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<InternalRow> getWriteSupport(Configuration conf) {
            return new ParquetRowWriteSupport(rowType);
        }
    }
}
