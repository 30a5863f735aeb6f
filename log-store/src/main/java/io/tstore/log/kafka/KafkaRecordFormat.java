package io.tstore.log.kafka;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.data.RowProjection;
import io.tstore.core.format.SchemaEvolution;
import io.tstore.core.schema.SchemaManager;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RowKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The bytes of a table's log records (specified in docs/spec.md, "Log records"), readable by any Kafka consumer:
 *
 * <pre>
 * key   = serialized row of the primary-key columns, in primary-key order (null for a table without primary key)
 * value = [version: 1 byte = 1][row kind: 1 byte, 0 = +I, 1 = -U, 2 = +U, 3 = -D][schema id: 8 bytes, big-endian]
 *         [serialized row of all columns of that schema, in order]
 * </pre>
 *
 * A <em>serialized row</em> is a 4-byte big-endian field count and the binary row, as in manifests. Readers turn
 * rows written under an older schema into the current one by field id, as they do with data files.
 */
final class KafkaRecordFormat {
    static final byte VERSION = 1;
    private static final int VALUE_HEADER = 1 + 1 + 8;

    private KafkaRecordFormat() {}

    /** Encodes the rows of one schema. Not thread-safe: the projections reuse buffers. */
    static final class Encoder {
        private final long schemaId;
        private final RowProjection keyProjection;
        private final RowProjection rowProjection;

        Encoder(TableSchema schema) {
            this.schemaId = schema.id();
            this.keyProjection = schema.primaryKeys().isEmpty() ? null : RowProjection.of(schema.rowType(), schema.primaryKeys());
            this.rowProjection = RowProjection.all(schema.rowType());
        }

        byte[] key(InternalRow row) {
            return keyProjection == null ? null : serialize(keyProjection.apply(row), 0);
        }

        byte[] value(InternalRow row) {
            byte[] bytes = serialize(rowProjection.apply(row), VALUE_HEADER);
            ByteBuffer header = ByteBuffer.wrap(bytes, 0, VALUE_HEADER);
            header.put(VERSION).put(row.getRowKind().toByteValue()).putLong(schemaId);
            return bytes;
        }

        private static byte[] serialize(BinaryRow row, int headerBytes) {
            byte[] rowBytes = row.toBytes();
            ByteBuffer buffer = ByteBuffer.allocate(headerBytes + 4 + rowBytes.length);
            buffer.position(headerBytes);
            buffer.putInt(row.getFieldCount()).put(rowBytes);
            return buffer.array();
        }
    }

    /** Decodes values into rows of a reader's schema, whatever schema they were written with. */
    static final class Decoder {
        private final String tableName;
        private final TableSchema readSchema;
        private final SchemaManager schemas;
        private final Map<Long, Evolution> evolutions = new HashMap<>();

        Decoder(String tableName, TableSchema readSchema, SchemaManager schemas) {
            this.tableName = requireNonNull(tableName, "tableName is null");
            this.readSchema = requireNonNull(readSchema, "readSchema is null");
            this.schemas = requireNonNull(schemas, "schemas is null");
        }

        InternalRow value(byte[] value, String where) {
            if (value == null || value.length < VALUE_HEADER + 4) {
                throw new IllegalStateException(String.format("Table %s: %s is not a tstore log record: %s", tableName, where,
                        value == null ? "no value" : value.length + " bytes"));
            }
            ByteBuffer buffer = ByteBuffer.wrap(value);
            byte version = buffer.get();
            if (version != VERSION) {
                throw new IllegalStateException(String.format(
                        "Table %s: %s has log record format version %d; this reader reads version %d", tableName, where, version, VERSION));
            }
            RowKind kind = RowKind.fromByteValue(buffer.get());
            long schemaId = buffer.getLong();
            int numFields = buffer.getInt();
            byte[] rowBytes = new byte[buffer.remaining()];
            buffer.get(rowBytes);
            BinaryRow written = BinaryRow.fromBytes(rowBytes, numFields);
            InternalRow row = schemaId == readSchema.id() ? written : evolution(schemaId).apply(written);
            row.setRowKind(kind);
            return row;
        }

        private Evolution evolution(long schemaId) {
            return evolutions.computeIfAbsent(schemaId, id -> {
                try {
                    return new Evolution(schemas.schema(id).rowType(), readSchema.rowType());
                } catch (IOException e) {
                    throw new UncheckedIOException("Table " + tableName + ": cannot read schema " + id + " of a log record", e);
                }
            });
        }
    }

    /** Rows of a writer's schema as rows of the reader's, matched by field id (see {@link SchemaEvolution}). */
    private static final class Evolution {
        private final RowType writeType;
        private final SchemaEvolution evolution;
        private final int[] positions;

        Evolution(RowType writeType, RowType readType) {
            this.writeType = writeType;
            this.evolution = SchemaEvolution.of(writeType, readType);
            RowType fileReadType = evolution.fileReadType();
            this.positions = new int[fileReadType.fieldCount()];
            for (int i = 0; i < positions.length; i++) {
                DataField field = fileReadType.fields().get(i);
                positions[i] = indexOfId(writeType, field.id());
            }
        }

        private static int indexOfId(RowType type, int id) {
            for (int i = 0; i < type.fieldCount(); i++) {
                if (type.fields().get(i).id() == id) {
                    return i;
                }
            }
            throw new IllegalStateException("No field of id " + id + " in " + type);
        }

        GenericRow apply(BinaryRow written) {
            GenericRow all = InternalRows.toGenericRow(written, writeType);
            GenericRow picked = new GenericRow(positions.length);
            for (int i = 0; i < positions.length; i++) {
                picked.setField(i, all.getField(positions[i]));
            }
            return evolution.evolve(picked);
        }
    }
}
