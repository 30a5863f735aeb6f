package io.tstore.core.table;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.ColumnBatch;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.RowComparator;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.TablePaths;
import io.tstore.core.format.FileFormat;
import io.tstore.core.format.ReadOptions;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.TableFileErrors;
import io.tstore.core.io.CursorMergeReader;
import io.tstore.core.io.DataFileFormats;
import io.tstore.core.io.KeyValueFileSchema;
import io.tstore.core.io.KeyValueRunFiles;
import io.tstore.core.mergetree.MergeFunctions;
import io.tstore.core.options.CoreOptions;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.predicate.OrcPredicates;
import io.tstore.core.predicate.ParquetPredicates;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateUtils;
import io.tstore.core.scan.OverwriteDiffReader;
import io.tstore.core.schema.TableSchema;
import io.tstore.core.types.RowType;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.compact.IntervalPartition;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.SortedRun;
import io.tstore.lsm.merge.MergeFunction;
import io.tstore.lsm.merge.MergeFunctionFactory;
import io.tstore.lsm.merge.MergeReaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Reads splits into rows of the table (or of a projection of it), with a filter applied.
 *
 * <p>For primary-key tables each bucket's files are cut into key-disjoint sections; a section of one sorted run
 * is read as it is, others are merged through the table's merge engine. Deletes are dropped. The filter is
 * applied after merging: a filter on a value column must see each key's merged row, never an older version.
 * Files of tables without primary key are read one after the other, with the filter pushed into the format.
 *
 * <p>Splits of streaming reads ({@link DataSplit.Kind}) are read differently. A {@code CHANGES} split is read raw:
 * every record of every file, in file order, unmerged, with its own row kind (+I, -U, +U, -D). An
 * {@code OVERWRITE} split compares the bucket's merged rows before and after an overwrite
 * ({@link OverwriteDiffReader}). The filter then applies to each record alone: it may drop a record (the -U of
 * an update whose +U it keeps, say) but never changes one, so a filter on value columns can leave a reader with
 * an incomplete changelog of the keys whose rows move in or out of the filter; filters on key and partition
 * columns never do.
 */
public final class DataTableRead implements TableRead {
    private final FileStoreTable table;
    private final TableSchema schema;
    private final Predicate filter;
    private final int[] projection;
    private final FileFormat format;
    private final TablePaths paths;
    private final Map<Long, TableSchema> schemas = new HashMap<>();

    /**
     * @param filter rows must satisfy it (may be null)
     * @param projection the positions of the fields to return, in order (null for all)
     */
    public DataTableRead(FileStoreTable table, Predicate filter, int[] projection) {
        this.table = requireNonNull(table, "table is null");
        this.schema = table.schema();
        this.filter = filter;
        this.projection = projection == null ? null : projection.clone();
        this.format = FileFormat.fromOptions(schema.options());
        this.paths = new TablePaths(table.location(), schema.logicalPartitionType());
    }

    @Override
    public RowType readType() {
        return projection == null ? schema.rowType() : schema.rowType().project(projection);
    }

    @Override
    public RecordReader<InternalRow> createReader(Split split) throws IOException {
        if (!(split instanceof DataSplit dataSplit)) {
            throw new IllegalArgumentException("Table " + table.name() + " reads data splits, not " + split);
        }
        return createReader(dataSplit);
    }

    public RecordReader<InternalRow> createReader(DataSplit split) throws IOException {
        RecordReader<InternalRow> rows = switch (split.kind()) {
            case SNAPSHOT -> table.hasPrimaryKey() ? mergedRows(split) : appendedRows(split.partition(), split.bucket(), split.files());
            case CHANGES -> table.hasPrimaryKey() ? changedRows(split) : appendedRows(split.partition(), split.bucket(), split.files());
            case OVERWRITE -> table.hasPrimaryKey() ? overwrittenRows(split) : overwrittenAppendedRows(split);
        };
        return project(filtered(rows));
    }

    /**
     * Reads a split in batches. A split that needs no merge ({@link DataSplit#needsMerge()}: appended files, or one
     * sorted run of a primary-key bucket without deletes) is read file by file, and each ORC file (that needs no
     * schema evolution) as batches of ORC's own vectors, wrapped: an engine fills its columnar structures column
     * by column. Parquet files, files of an older schema, and splits that need a merge (the merge stays row-wise)
     * are read as rows packed into batches. With a filter, a batch holds the rows that pass it (a selection over
     * the file's vectors). The batches hold exactly the rows of {@link #createReader(Split)}.
     */
    @Override
    public RecordReader<ColumnBatch> createBatchReader(Split split, int batchSize) throws IOException {
        if (!(split instanceof DataSplit dataSplit)) {
            throw new IllegalArgumentException("Table " + table.name() + " reads data splits, not " + split);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("A batch holds at least one row, got a batch size of " + batchSize);
        }
        if (dataSplit.kind() != DataSplit.Kind.SNAPSHOT || dataSplit.needsMerge()) {
            return TableRead.packed(readType(), createReader(dataSplit), batchSize);
        }
        List<DataFileMeta> files = new ArrayList<>(dataSplit.files());
        if (table.hasPrimaryKey()) {
            // The files of one sorted run, in key order: the rows come in the order the row reader returns them.
            RowComparator keyOrder = new RowComparator(schema.logicalTrimmedPrimaryKeyType());
            files.sort((a, b) -> keyOrder.compare(a.minKey(), b.minKey()));
        } else {
            files.sort(Comparator.comparingLong(DataFileMeta::minSequenceNumber));
        }
        return RecordReader.concat(files, file -> fileBatches(dataSplit, file, batchSize));
    }

    /** The batches of one file of a split that needs no merge. */
    private RecordReader<ColumnBatch> fileBatches(DataSplit split, DataFileMeta file, int batchSize) throws IOException {
        TableSchema written = schemaOf(file.schemaId());
        RowType fileType = table.hasPrimaryKey()
                ? new KeyValueFileSchema(schema.logicalTrimmedPrimaryKeyType(), written.rowType()).fileType()
                : written.rowType();
        // Without a filter only the projected columns are read; a filter may need others, so all are read then.
        RowType fileReadType = filter == null ? readType() : schema.rowType();
        Path path = new Path(paths.bucketPath(split.partition(), split.bucket()), file.fileName());
        RecordReader<ColumnBatch> batches = TableFileErrors.reading("data file", path, () -> DataFileFormats
                .forFile(file.fileName(), format).readerFactory()
                .createBatches(table.fileIO(), path, fileType, fileReadType, ReadOptions.builder().batchSize(batchSize).build()));
        if (batches == null) {
            RecordReader<InternalRow> rows = table.hasPrimaryKey()
                    // One file is one sorted run: read as it is, nothing merged.
                    ? new BucketFiles(split).mergedValues(List.of(file)).map(value -> {
                        value.setRowKind(RowKind.INSERT);
                        return value;
                    })
                    : readAppendFile(table, paths.bucketPath(split.partition(), split.bucket()), file, written, schema, filter, format);
            return TableRead.packed(readType(), project(filtered(rows)), batchSize);
        }
        if (filter == null) {
            return batches;
        }
        int[] projected = projection == null ? null : projection.clone();
        return new RecordReader<>() {
            @Override
            public ColumnBatch read() throws IOException {
                ColumnBatch batch;
                while ((batch = batches.read()) != null) {
                    int[] selected = new int[batch.rowCount()];
                    int count = 0;
                    for (int row = 0; row < batch.rowCount(); row++) {
                        if (filter.test(batch.row(row))) {
                            selected[count++] = row;
                        }
                    }
                    if (count > 0) {
                        ColumnBatch kept = count == batch.rowCount() ? batch : batch.select(selected, count);
                        return projected == null ? kept : kept.project(projected);
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                batches.close();
            }
        };
    }

    /** The files of one bucket of a primary-key table, read with the key part of the filter pushed down. */
    private final class BucketFiles {
        final Comparator<BinaryRow> keyComparator;
        final KeyValueRunFiles runFiles;

        BucketFiles(DataSplit split) {
            RowType keyType = schema.logicalTrimmedPrimaryKeyType();
            RowComparator keyOrder = new RowComparator(keyType);
            this.keyComparator = keyOrder::compare;
            KeyValueFileSchema fileSchema = new KeyValueFileSchema(keyType, schema.rowType());
            KeyValueRunFiles files = new KeyValueRunFiles(
                    table.fileIO(), paths.bucketPath(split.partition(), split.bucket()), format, fileSchema, schema.id(),
                    id -> new KeyValueFileSchema(keyType, schemaOf(id).rowType()), keyComparator,
                    Long.MAX_VALUE, () -> {
                        throw new IllegalStateException("a read does not write");
                    }, () -> {
                        throw new IllegalStateException("a read does not write");
                    }, System::currentTimeMillis);
            if (filter != null) {
                var keyFilter = PredicateUtils.project(filter, DataTableScan.primaryKeyColumns(schema));
                if (keyFilter.isPresent()) {
                    files = files.withKeyFilter(keyFilter.get());
                }
            }
            this.runFiles = files;
        }

        /** The live rows of the files merged per key through the merge engine, in key order, deletes dropped. */
        RecordReader<KeyValue<BinaryRow, InternalRow>> merged(List<DataFileMeta> dataFiles) {
            MergeFunctionFactory<BinaryRow, InternalRow> mergeFunctions =
                    MergeFunctions.factory(schema.rowType(), schema.primaryKeys(), schema.options());
            List<LsmFile<BinaryRow>> files = new ArrayList<>(dataFiles);
            List<List<SortedRun<BinaryRow>>> sections = IntervalPartition.partition(files, keyComparator);
            MergeFunction<BinaryRow, InternalRow> mergeFunction = mergeFunctions.create();
            RecordReader<KeyValue<BinaryRow, InternalRow>> records = RecordReader.concat(sections, section -> section.size() == 1
                    // One sorted run holds each key once: nothing to merge.
                    ? MergeReaders.readRun(section.get(0), runFiles)
                    // Key columns first, values of the winners only (KeyValueCursor).
                    : new CursorMergeReader(section, runFiles, keyComparator, mergeFunction, true));
            return records.filter(kv -> !kv.kind().isRetract());
        }

        /** The values of {@link #merged}'s records, with their kinds: merges need not build the winners' keys. */
        RecordReader<InternalRow> mergedValues(List<DataFileMeta> dataFiles) {
            MergeFunctionFactory<BinaryRow, InternalRow> mergeFunctions =
                    MergeFunctions.factory(schema.rowType(), schema.primaryKeys(), schema.options());
            List<LsmFile<BinaryRow>> files = new ArrayList<>(dataFiles);
            List<List<SortedRun<BinaryRow>>> sections = IntervalPartition.partition(files, keyComparator);
            MergeFunction<BinaryRow, InternalRow> mergeFunction = mergeFunctions.create();
            RecordReader<InternalRow> values = RecordReader.concat(sections, section -> section.size() == 1
                    ? MergeReaders.readRun(section.get(0), runFiles).map(CursorMergeReader::valueOf)
                    : new CursorMergeReader(section, runFiles, keyComparator, mergeFunction, true).values());
            return values.filter(value -> !value.getRowKind().isRetract());
        }
    }

    private RecordReader<InternalRow> mergedRows(DataSplit split) {
        return new BucketFiles(split).mergedValues(split.files()).map(value -> {
            value.setRowKind(RowKind.INSERT);
            return value;
        });
    }

    /** Every record of the files, in file order, unmerged, with its own row kind. */
    private RecordReader<InternalRow> changedRows(DataSplit split) {
        KeyValueRunFiles runFiles = new BucketFiles(split).runFiles;
        RecordReader<KeyValue<BinaryRow, InternalRow>> records = RecordReader.concat(split.files(), runFiles::read);
        return records.map(kv -> {
            InternalRow value = kv.value();
            value.setRowKind(kv.kind());
            return value;
        });
    }

    /** -D of the rows an overwrite replaced or removed, +I of those it added or changed. */
    private RecordReader<InternalRow> overwrittenRows(DataSplit split) {
        BucketFiles bucket = new BucketFiles(split);
        return new OverwriteDiffReader(
                bucket.merged(split.beforeFiles()), bucket.merged(split.files()), bucket.keyComparator, schema.rowType());
    }

    /** Without a key there is nothing to compare rows by: -D of every row before the overwrite, +I of every row after. */
    private RecordReader<InternalRow> overwrittenAppendedRows(DataSplit split) {
        RecordReader<InternalRow> deleted = appendedRows(split.partition(), split.bucket(), split.beforeFiles()).map(row -> {
            row.setRowKind(RowKind.DELETE);
            return row;
        });
        RecordReader<InternalRow> inserted = appendedRows(split.partition(), split.bucket(), split.files());
        return RecordReader.concat(List.of(deleted, inserted), reader -> reader);
    }

    private RecordReader<InternalRow> appendedRows(BinaryRow partition, int bucket, List<DataFileMeta> dataFiles) {
        Path bucketPath = paths.bucketPath(partition, bucket);
        List<DataFileMeta> files = new ArrayList<>(dataFiles);
        files.sort(Comparator.comparingLong(DataFileMeta::minSequenceNumber));
        return RecordReader.concat(files, file -> readAppendFile(table, bucketPath, file, schemaOf(file.schemaId()), schema, filter, format));
    }

    /** Reads one file of a table without primary key into rows of the current schema. */
    static RecordReader<InternalRow> readAppendFile(FileStoreTable table, Path bucketPath, DataFileMeta file, TableSchema current)
            throws IOException {
        TableSchema written = file.schemaId() == current.id() ? current : table.schemaManager().schema(file.schemaId());
        return readAppendFile(table, bucketPath, file, written, current, null, FileFormat.fromOptions(current.options()));
    }

    private static RecordReader<InternalRow> readAppendFile(
            FileStoreTable table, Path bucketPath, DataFileMeta file, TableSchema written, TableSchema current,
            Predicate filter, FileFormat tableFormat) throws IOException {
        FileFormat fileFormat = DataFileFormats.forFile(file.fileName(), tableFormat);
        FileFormatType type = fileFormat.type();
        ReadOptions.Builder options = ReadOptions.builder();
        if (filter != null) {
            // The filter names the file's own columns, so it is moved onto the schema the file was written with.
            PredicateUtils.project(filter, PredicateUtils.fieldMapping(current.rowType(), written.rowType())).ifPresent(pushed -> {
                if (type == FileFormatType.ORC) {
                    OrcPredicates.toSearchArgument(pushed, written.rowType()).ifPresent(options::orcSearchArgument);
                } else {
                    ParquetPredicates.toFilterPredicate(pushed, written.rowType())
                            .ifPresent(p -> options.parquetFilter(org.apache.parquet.filter2.compat.FilterCompat.get(p)));
                }
            });
        }
        Path path = new Path(bucketPath, file.fileName());
        return TableFileErrors.reading("data file", path, () -> fileFormat.readerFactory()
                .create(table.fileIO(), path, written.rowType(), current.rowType(), options.build()));
    }

    private RecordReader<InternalRow> filtered(RecordReader<InternalRow> rows) {
        return filter == null ? rows : rows.filter(filter::test);
    }

    private RecordReader<InternalRow> project(RecordReader<InternalRow> rows) {
        if (projection == null) {
            return rows;
        }
        InternalRow.FieldGetter[] getters = new InternalRow.FieldGetter[projection.length];
        for (int i = 0; i < projection.length; i++) {
            getters[i] = InternalRow.createFieldGetter(schema.rowType().typeAt(projection[i]), projection[i]);
        }
        return rows.map(row -> {
            GenericRow projected = new GenericRow(getters.length);
            for (int i = 0; i < getters.length; i++) {
                projected.setField(i, getters[i].getFieldOrNull(row));
            }
            projected.setRowKind(row.getRowKind());
            return projected;
        });
    }

    private synchronized TableSchema schemaOf(long id) {
        if (id == schema.id()) {
            return schema;
        }
        return schemas.computeIfAbsent(id, i -> {
            try {
                return table.schemaManager().schema(i);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
