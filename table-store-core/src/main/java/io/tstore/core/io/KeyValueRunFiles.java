package io.tstore.core.io;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.NormalizedKeys;
import io.tstore.core.data.RowProjection;
import io.tstore.core.file.DataFileMeta;
import io.tstore.core.file.FileSource;
import io.tstore.core.format.FileFormat;
import io.tstore.core.format.FileStats;
import io.tstore.core.format.FormatWriter;
import io.tstore.core.format.LazyColumnsReader;
import io.tstore.core.format.ReadOptions;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.TableFileErrors;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.predicate.OrcPredicates;
import io.tstore.core.predicate.ParquetPredicates;
import io.tstore.core.predicate.Predicate;
import io.tstore.core.predicate.PredicateUtils;
import io.tstore.core.types.RowType;
import org.apache.parquet.filter2.compat.FilterCompat;
import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.file.RunWriter;
import io.tstore.lsm.file.SortedRun;
import io.tstore.lsm.buffer.NormalizedKey;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The data files of one bucket of a primary-key table, as the LSM engine sees them: ORC or Parquet files with the
 * columns of {@link KeyValueFileSchema}. Files written under older schemas are read by field id into the current
 * schema's columns.
 */
public final class KeyValueRunFiles implements RunFiles<BinaryRow, InternalRow> {
    private static final String DATA_FILE = "data file";
    private final FileIO fileIO;
    private final Path bucketPath;
    private final FileFormat format;
    private final KeyValueFileSchema schema;
    private final long schemaId;
    private final LongFunction<KeyValueFileSchema> schemaOfFile;
    private final Comparator<BinaryRow> keyComparator;
    private final long targetFileSize;
    private final Supplier<String> dataFileNames;
    private final Supplier<String> changelogFileNames;
    private final LongSupplier clock;
    private final StatsConverter valueStats;
    private final Predicate keyFilter;
    private final RowType tableRowType;
    private final NormalizedKey<BinaryRow> normalizedKey;

    /**
     * @param schemaOfFile the file layout of the schema a file was written with, by schema id
     * @param dataFileNames new unique data file names
     * @param changelogFileNames new unique changelog file names
     */
    public KeyValueRunFiles(
            FileIO fileIO,
            Path bucketPath,
            FileFormat format,
            KeyValueFileSchema schema,
            long schemaId,
            LongFunction<KeyValueFileSchema> schemaOfFile,
            Comparator<BinaryRow> keyComparator,
            long targetFileSize,
            Supplier<String> dataFileNames,
            Supplier<String> changelogFileNames,
            LongSupplier clock) {
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
        this.bucketPath = requireNonNull(bucketPath, "bucketPath is null");
        this.format = requireNonNull(format, "format is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.schemaId = schemaId;
        this.schemaOfFile = requireNonNull(schemaOfFile, "schemaOfFile is null");
        this.keyComparator = requireNonNull(keyComparator, "keyComparator is null");
        this.targetFileSize = targetFileSize;
        this.dataFileNames = requireNonNull(dataFileNames, "dataFileNames is null");
        this.changelogFileNames = requireNonNull(changelogFileNames, "changelogFileNames is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.valueStats = new StatsConverter(schema.valueType());
        this.keyFilter = null;
        this.tableRowType = schema.valueType();
        this.normalizedKey = NormalizedKeys.forKeyType(schema.keyType());
    }

    private KeyValueRunFiles(KeyValueRunFiles base, Predicate keyFilter) {
        this.fileIO = base.fileIO;
        this.bucketPath = base.bucketPath;
        this.format = base.format;
        this.schema = base.schema;
        this.schemaId = base.schemaId;
        this.schemaOfFile = base.schemaOfFile;
        this.keyComparator = base.keyComparator;
        this.targetFileSize = base.targetFileSize;
        this.dataFileNames = base.dataFileNames;
        this.changelogFileNames = base.changelogFileNames;
        this.clock = base.clock;
        this.valueStats = base.valueStats;
        this.keyFilter = keyFilter;
        this.tableRowType = base.tableRowType;
        this.normalizedKey = base.normalizedKey;
    }

    /**
     * The same files, read with a filter on primary-key columns (positions in the table's row type) pushed into
     * the format's readers. Skipping rows by key is safe before merging: every version of a key has its key.
     */
    public KeyValueRunFiles withKeyFilter(Predicate filter) {
        return new KeyValueRunFiles(this, filter);
    }

    public Path pathOf(LsmFile<BinaryRow> file) {
        return new Path(bucketPath, file.fileName());
    }

    @Override
    public RecordReader<KeyValue<BinaryRow, InternalRow>> read(LsmFile<BinaryRow> file) throws IOException {
        DataFileMeta meta = (DataFileMeta) file;
        KeyValueFileSchema written = meta.schemaId() == schemaId ? schema : schemaOfFile.apply(meta.schemaId());
        FileFormat fileFormat = DataFileFormats.forFile(file.fileName(), format);
        Path path = pathOf(file);
        RecordReader<InternalRow> rows = TableFileErrors.reading(DATA_FILE, path, () -> fileFormat.readerFactory()
                .create(fileIO, path, written.fileType(), schema.fileType(), readOptions(fileFormat, written)));
        RowProjection keys = schema.newKeyProjection();
        return rows.map(row -> schema.fromFileRow(row, keys));
    }

    /** A cursor over the records of a sorted run, for merging: its files' {@link #cursor(LsmFile)}s in turn. */
    public KeyValueCursor cursor(SortedRun<BinaryRow> run) {
        return new RunCursor(this, run);
    }

    /** Whether keys with equal {@link KeyValueCursor#keyPrefix()}es are equal: the key comparator is never needed. */
    public boolean keyPrefixIsExact() {
        return normalizedKey != null && normalizedKey.isExact();
    }

    /**
     * A cursor over the records of a file, for merging. Files that need no schema evolution, read without a key
     * filter, are read with their value columns decoded only for the records whose value is asked for (in ORC;
     * other formats read rows); other files are read as {@link #read} reads them.
     */
    public KeyValueCursor cursor(LsmFile<BinaryRow> file) throws IOException {
        DataFileMeta meta = (DataFileMeta) file;
        if (keyFilter == null && meta.schemaId() == schemaId) {
            FileFormat fileFormat = DataFileFormats.forFile(file.fileName(), format);
            Path path = pathOf(file);
            LazyColumnsReader lazy = TableFileErrors.reading(DATA_FILE, path, () -> fileFormat.readerFactory()
                    .createLazyColumns(fileIO, path, schema.fileType(), schema.fileType(), schema.valueOffset(),
                            ReadOptions.defaults()));
            if (lazy != null) {
                return new LazyColumnsCursor(lazy, schema, normalizedKey);
            }
        }
        return new RecordCursor(read(file), normalizedKey);
    }

    private ReadOptions readOptions(FileFormat fileFormat, KeyValueFileSchema written) {
        if (keyFilter == null) {
            return ReadOptions.defaults();
        }
        ReadOptions.Builder options = ReadOptions.builder();
        // The filter names the table's columns; the file has them (by id) among its value columns.
        PredicateUtils.project(keyFilter, PredicateUtils.fieldMapping(tableRowType, written.fileType())).ifPresent(pushed -> {
            if (fileFormat.type() == FileFormatType.ORC) {
                OrcPredicates.toSearchArgument(pushed, written.fileType()).ifPresent(options::orcSearchArgument);
            } else {
                ParquetPredicates.toFilterPredicate(pushed, written.fileType()).ifPresent(p -> options.parquetFilter(FilterCompat.get(p)));
            }
        });
        return options.build();
    }

    @Override
    public RunWriter<BinaryRow, InternalRow> newWriter(int level) {
        return new RollingWriter(level, dataFileNames, true);
    }

    @Override
    public RunWriter<BinaryRow, InternalRow> newChangelogWriter() {
        return new RollingWriter(0, changelogFileNames, false);
    }

    @Override
    public void delete(LsmFile<BinaryRow> file) {
        fileIO.deleteQuietly(pathOf(file));
    }

    public FileFormatType formatType() {
        return format.type();
    }

    /** Writes one run (or changelog), rolling to a new file at the target size. */
    private final class RollingWriter implements RunWriter<BinaryRow, InternalRow> {
        private final int level;
        private final Supplier<String> names;
        private final boolean sortedKeys;
        private final List<LsmFile<BinaryRow>> finished = new ArrayList<>();
        private FormatWriter current;
        private String currentName;
        private BinaryRow minKey;
        private BinaryRow maxKey;
        private long minSeq;
        private long maxSeq;
        private long deletes;

        RollingWriter(int level, Supplier<String> names, boolean sortedKeys) {
            this.level = level;
            this.names = names;
            this.sortedKeys = sortedKeys;
        }

        @Override
        public void write(KeyValue<BinaryRow, InternalRow> record) throws IOException {
            if (current == null) {
                currentName = names.get();
                current = format.writerFactory().create(fileIO, new Path(bucketPath, currentName), schema.fileType());
                minKey = record.key();
                maxKey = record.key();
                minSeq = Long.MAX_VALUE;
                maxSeq = Long.MIN_VALUE;
                deletes = 0;
            } else if (sortedKeys) {
                if (keyComparator.compare(maxKey, record.key()) >= 0) {
                    throw new IllegalStateException("Records of a run must arrive in ascending key order");
                }
                maxKey = record.key();
            } else {
                if (keyComparator.compare(record.key(), minKey) < 0) {
                    minKey = record.key();
                }
                if (keyComparator.compare(record.key(), maxKey) > 0) {
                    maxKey = record.key();
                }
            }
            current.addRow(schema.toFileRow(record));
            minSeq = Math.min(minSeq, record.sequenceNumber());
            maxSeq = Math.max(maxSeq, record.sequenceNumber());
            if (record.kind().isRetract()) {
                deletes++;
            }
            // Asking for the length costs little next to encoding a row, but not nothing: ask every 256 rows.
            if ((current.rowCount() & 255) == 0 && current.length() >= targetFileSize) {
                finishCurrent();
            }
        }

        private void finishCurrent() throws IOException {
            FileStats stats = current.close();
            current = null;
            finished.add(new DataFileMeta(
                    currentName,
                    stats.fileSize(),
                    stats.rowCount(),
                    minKey.copy(),
                    maxKey.copy(),
                    valueStats.convert(stats.fieldStats(), schema.valueOffset()),
                    minSeq,
                    maxSeq,
                    schemaId,
                    level,
                    deletes,
                    clock.getAsLong(),
                    level == 0 ? FileSource.APPEND : FileSource.COMPACT));
        }

        @Override
        public List<LsmFile<BinaryRow>> close() throws IOException {
            if (current != null) {
                finishCurrent();
            }
            return List.copyOf(finished);
        }

        @Override
        public void abort() {
            if (current != null) {
                current.abort();
                current = null;
            }
            for (LsmFile<BinaryRow> file : finished) {
                delete(file);
            }
            finished.clear();
        }
    }
}
