package io.tstore.core.table;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.RowComparator;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.TablePaths;
import io.tstore.core.format.FileFormat;
import io.tstore.core.format.ReadOptions;
import io.tstore.core.fs.Path;
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
import io.tstore.core.scan.DataSplit;
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
        RecordReader<InternalRow> rows = table.hasPrimaryKey() ? mergedRows(split) : appendedRows(split);
        return project(filtered(rows));
    }

    private RecordReader<InternalRow> mergedRows(DataSplit split) {
        RowType keyType = schema.logicalTrimmedPrimaryKeyType();
        RowComparator keyOrder = new RowComparator(keyType);
        Comparator<BinaryRow> keyComparator = keyOrder::compare;
        KeyValueFileSchema fileSchema = new KeyValueFileSchema(keyType, schema.rowType());
        KeyValueRunFiles runFiles = new KeyValueRunFiles(
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
                runFiles = runFiles.withKeyFilter(keyFilter.get());
            }
        }
        KeyValueRunFiles bucketFiles = runFiles;
        MergeFunctionFactory<BinaryRow, InternalRow> mergeFunctions =
                MergeFunctions.factory(schema.rowType(), schema.primaryKeys(), schema.options());
        List<LsmFile<BinaryRow>> files = new ArrayList<>(split.files());
        List<List<SortedRun<BinaryRow>>> sections = IntervalPartition.partition(files, keyComparator);
        MergeFunction<BinaryRow, InternalRow> mergeFunction = mergeFunctions.create();
        RecordReader<KeyValue<BinaryRow, InternalRow>> records = RecordReader.concat(sections, section -> section.size() == 1
                // One sorted run holds each key once: nothing to merge.
                ? MergeReaders.readRun(section.get(0), bucketFiles)
                : MergeReaders.mergeSection(section, bucketFiles, keyComparator, mergeFunction, true));
        return records.map(kv -> {
            if (kv.kind().isRetract()) {
                return null;
            }
            InternalRow value = kv.value();
            value.setRowKind(RowKind.INSERT);
            return value;
        });
    }

    private RecordReader<InternalRow> appendedRows(DataSplit split) {
        Path bucketPath = paths.bucketPath(split.partition(), split.bucket());
        List<DataFileMeta> files = new ArrayList<>(split.files());
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
        return fileFormat.readerFactory().create(
                table.fileIO(), new Path(bucketPath, file.fileName()), written.rowType(), current.rowType(), options.build());
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
