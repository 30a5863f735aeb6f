package io.tstore.core.manifest;

import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.FileSource;
import io.tstore.core.file.SimpleStats;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The Avro schemas of manifests and manifest lists, and the conversions between our values and Avro records.
 * Field names are part of the table format (docs/spec.md); new fields may only be added with defaults.
 */
final class ManifestSchemas {
    private ManifestSchemas() {}

    static final Schema STATS = SchemaBuilder.record("SimpleStats").namespace("io.tstore").fields()
            .name("min_values").type().bytesType().noDefault()
            .name("max_values").type().bytesType().noDefault()
            .name("null_counts").type().nullable().array().items().longType().noDefault()
            .endRecord();

    static final Schema DATA_FILE = SchemaBuilder.record("DataFileMeta").namespace("io.tstore").fields()
            .name("file_name").type().stringType().noDefault()
            .name("file_size").type().longType().noDefault()
            .name("row_count").type().longType().noDefault()
            .name("min_key").type().bytesType().noDefault()
            .name("max_key").type().bytesType().noDefault()
            .name("value_stats").type(STATS).noDefault()
            .name("min_sequence_number").type().longType().noDefault()
            .name("max_sequence_number").type().longType().noDefault()
            .name("schema_id").type().longType().noDefault()
            .name("level").type().intType().noDefault()
            .name("delete_row_count").type().longType().noDefault()
            .name("creation_time_millis").type().longType().noDefault()
            .name("file_source").type().stringType().noDefault()
            .endRecord();

    static final Schema ENTRY = SchemaBuilder.record("ManifestEntry").namespace("io.tstore").fields()
            .name("kind").type().intType().noDefault()
            .name("partition").type().bytesType().noDefault()
            .name("bucket").type().intType().noDefault()
            .name("total_buckets").type().intType().noDefault()
            .name("file").type(DATA_FILE).noDefault()
            .endRecord();

    static final Schema MANIFEST_FILE_META = SchemaBuilder.record("ManifestFileMeta").namespace("io.tstore").fields()
            .name("file_name").type().stringType().noDefault()
            .name("file_size").type().longType().noDefault()
            .name("num_added_files").type().longType().noDefault()
            .name("num_deleted_files").type().longType().noDefault()
            .name("partition_stats").type(STATS).noDefault()
            .name("schema_id").type().longType().noDefault()
            .endRecord();

    static GenericRecord toRecord(ManifestEntry entry) {
        GenericRecord record = new GenericData.Record(ENTRY);
        record.put("kind", (int) entry.kind().toByteValue());
        record.put("partition", RowBytes.toBuffer(entry.partition()));
        record.put("bucket", entry.bucket());
        record.put("total_buckets", entry.totalBuckets());
        record.put("file", toRecord(entry.file()));
        return record;
    }

    static ManifestEntry toEntry(GenericRecord record) {
        return new ManifestEntry(
                FileKind.fromByteValue((Integer) record.get("kind")),
                RowBytes.fromBuffer((ByteBuffer) record.get("partition")),
                (Integer) record.get("bucket"),
                (Integer) record.get("total_buckets"),
                toFile((GenericRecord) record.get("file")));
    }

    static GenericRecord toRecord(DataFileMeta file) {
        GenericRecord record = new GenericData.Record(DATA_FILE);
        record.put("file_name", file.fileName());
        record.put("file_size", file.fileSize());
        record.put("row_count", file.rowCount());
        record.put("min_key", RowBytes.toBuffer(file.minKey()));
        record.put("max_key", RowBytes.toBuffer(file.maxKey()));
        record.put("value_stats", toRecord(file.valueStats()));
        record.put("min_sequence_number", file.minSequenceNumber());
        record.put("max_sequence_number", file.maxSequenceNumber());
        record.put("schema_id", file.schemaId());
        record.put("level", file.level());
        record.put("delete_row_count", file.deleteRowCount());
        record.put("creation_time_millis", file.creationTimeMillis());
        record.put("file_source", file.fileSource().name());
        return record;
    }

    static DataFileMeta toFile(GenericRecord record) {
        return new DataFileMeta(
                record.get("file_name").toString(),
                (Long) record.get("file_size"),
                (Long) record.get("row_count"),
                RowBytes.fromBuffer((ByteBuffer) record.get("min_key")),
                RowBytes.fromBuffer((ByteBuffer) record.get("max_key")),
                toStats((GenericRecord) record.get("value_stats")),
                (Long) record.get("min_sequence_number"),
                (Long) record.get("max_sequence_number"),
                (Long) record.get("schema_id"),
                (Integer) record.get("level"),
                (Long) record.get("delete_row_count"),
                (Long) record.get("creation_time_millis"),
                FileSource.valueOf(record.get("file_source").toString()));
    }

    static GenericRecord toRecord(SimpleStats stats) {
        GenericRecord record = new GenericData.Record(STATS);
        record.put("min_values", RowBytes.toBuffer(stats.minValues()));
        record.put("max_values", RowBytes.toBuffer(stats.maxValues()));
        long[] nullCounts = stats.nullCounts();
        if (nullCounts != null) {
            List<Long> counts = new ArrayList<>(nullCounts.length);
            for (long count : nullCounts) {
                counts.add(count);
            }
            record.put("null_counts", counts);
        }
        return record;
    }

    static SimpleStats toStats(GenericRecord record) {
        Object counts = record.get("null_counts");
        long[] nullCounts = null;
        if (counts != null) {
            List<?> list = (List<?>) counts;
            nullCounts = new long[list.size()];
            for (int i = 0; i < nullCounts.length; i++) {
                nullCounts[i] = (Long) list.get(i);
            }
        }
        return new SimpleStats(
                RowBytes.fromBuffer((ByteBuffer) record.get("min_values")),
                RowBytes.fromBuffer((ByteBuffer) record.get("max_values")),
                nullCounts);
    }

    static GenericRecord toRecord(ManifestFileMeta meta) {
        GenericRecord record = new GenericData.Record(MANIFEST_FILE_META);
        record.put("file_name", meta.fileName());
        record.put("file_size", meta.fileSize());
        record.put("num_added_files", meta.numAddedFiles());
        record.put("num_deleted_files", meta.numDeletedFiles());
        record.put("partition_stats", toRecord(meta.partitionStats()));
        record.put("schema_id", meta.schemaId());
        return record;
    }

    static ManifestFileMeta toManifestFileMeta(GenericRecord record) {
        return new ManifestFileMeta(
                record.get("file_name").toString(),
                (Long) record.get("file_size"),
                (Long) record.get("num_added_files"),
                (Long) record.get("num_deleted_files"),
                toStats((GenericRecord) record.get("partition_stats")),
                (Long) record.get("schema_id"));
    }
}
