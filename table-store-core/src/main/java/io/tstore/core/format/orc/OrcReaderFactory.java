package io.tstore.core.format.orc;

import io.tstore.core.data.ColumnBatch;
import io.tstore.core.data.InternalRow;
import io.tstore.core.format.FormatReaderFactory;
import io.tstore.core.format.LazyColumnsReader;
import io.tstore.core.format.ReadOptions;
import io.tstore.core.format.SchemaEvolution;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.io.sarg.PredicateLeaf;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.TypeDescription;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Opens ORC files through a {@link FileIOFileSystem}, finds the columns the read needs by their field ids, and reads
 * only those (ORC's {@code include}), skipping row groups with the {@link ReadOptions#orcSearchArgument()} if any.
 * ORC skips whole row groups (10,000 rows by default) and never filters single rows.
 */
final class OrcReaderFactory implements FormatReaderFactory {

    @Override
    public RecordReader<InternalRow> create(
            FileIO fileIO, Path path, RowType fileRowType, RowType readRowType, ReadOptions options) throws IOException {
        return open(fileIO, path, fileRowType, readRowType, options, false);
    }

    /** Batches of ORC's own vectors, wrapped ({@link OrcBatchReader}); null for a file that needs schema evolution. */
    @Override
    public RecordReader<ColumnBatch> createBatches(
            FileIO fileIO, Path path, RowType fileRowType, RowType readRowType, ReadOptions options) throws IOException {
        if (!SchemaEvolution.of(fileRowType, readRowType).isIdentity()) {
            return null;
        }
        return open(fileIO, path, fileRowType, readRowType, options, true);
    }

    @SuppressWarnings("unchecked")
    private <T> RecordReader<T> open(
            FileIO fileIO, Path path, RowType fileRowType, RowType readRowType, ReadOptions options, boolean batches)
            throws IOException {
        requireNonNull(fileIO, "fileIO is null");
        requireNonNull(path, "path is null");
        requireNonNull(options, "options is null");
        SchemaEvolution evolution = SchemaEvolution.of(fileRowType, readRowType);
        Reader reader = open(fileIO, path);
        try {
            TypeDescription fileSchema = reader.getSchema();
            int[] columns = findColumns(fileSchema, evolution.fileReadType(), path);
            boolean[] include = new boolean[fileSchema.getMaximumId() + 1];
            include[0] = true;
            for (int column : columns) {
                includeColumn(fileSchema.getChildren().get(column), include);
            }
            Reader.Options rowOptions = reader.options().rowBatchSize(options.batchSize());
            options.orcSearchArgument().ifPresent(sarg -> {
                // ORC evaluates a filter only on columns it reads, so read the filter's columns too (and drop them).
                for (PredicateLeaf leaf : sarg.getLeaves()) {
                    topLevelColumn(fileSchema, leaf.getColumnName()).ifPresent(child -> includeColumn(child, include));
                }
                rowOptions.searchArgument(sarg, fileSchema.getFieldNames().toArray(new String[0]));
            });
            rowOptions.include(include);
            return batches
                    ? (RecordReader<T>) new OrcBatchReader(reader, reader.rows(rowOptions), fileSchema, columns, readRowType, options.batchSize(), path)
                    : (RecordReader<T>) new OrcRowReader(reader, reader.rows(rowOptions), fileSchema, columns, evolution, options.batchSize(), path);
        } catch (IOException | RuntimeException | Error e) {
            try {
                reader.close();
            } catch (IOException | RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /**
     * Reads with two ORC record readers, one over the eager columns and one over the lazy ones
     * ({@link OrcLazyColumnsReader}), when the file needs no schema evolution and the read no filter.
     */
    @Override
    public LazyColumnsReader createLazyColumns(
            FileIO fileIO, Path path, RowType fileRowType, RowType readRowType, int eagerFields, ReadOptions options)
            throws IOException {
        requireNonNull(fileIO, "fileIO is null");
        requireNonNull(path, "path is null");
        requireNonNull(options, "options is null");
        if (eagerFields < 1 || eagerFields > readRowType.fieldCount()) {
            throw new IllegalArgumentException(String.format(
                    "eagerFields must be between 1 and the %d fields of the read type, but was %d",
                    readRowType.fieldCount(), eagerFields));
        }
        SchemaEvolution evolution = SchemaEvolution.of(fileRowType, readRowType);
        if (!evolution.isIdentity() || options.orcSearchArgument().isPresent()) {
            return null;
        }
        Reader reader = open(fileIO, path);
        try {
            TypeDescription fileSchema = reader.getSchema();
            int[] columns = findColumns(fileSchema, evolution.fileReadType(), path);
            boolean[] eager = new boolean[fileSchema.getMaximumId() + 1];
            boolean[] lazy = new boolean[eager.length];
            eager[0] = true;
            lazy[0] = true;
            for (int i = 0; i < columns.length; i++) {
                includeColumn(fileSchema.getChildren().get(columns[i]), i < eagerFields ? eager : lazy);
            }
            Reader.Options eagerOptions = reader.options().rowBatchSize(options.batchSize()).include(eager);
            Reader.Options lazyOptions = reader.options().rowBatchSize(options.batchSize()).include(lazy);
            return new OrcLazyColumnsReader(reader, eagerOptions, lazyOptions, fileSchema, columns, eagerFields,
                    evolution.fileReadType(), options.batchSize(), path);
        } catch (IOException | RuntimeException | Error e) {
            try {
                reader.close();
            } catch (IOException | RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    private static Reader open(FileIO fileIO, Path path) throws IOException {
        Configuration conf = new Configuration(false);
        OrcFile.ReaderOptions readerOptions = OrcFile.readerOptions(conf)
                .filesystem(new FileIOFileSystem(fileIO, conf))
                .useUTCTimestamp(true)
                .convertToProlepticGregorian(true);
        return OrcFile.createReader(FileIOFileSystem.toHadoop(path), readerOptions);
    }

    private static void includeColumn(TypeDescription column, boolean[] include) {
        for (int id = column.getId(); id <= column.getMaximumId(); id++) {
            include[id] = true;
        }
    }

    /** The top-level column that holds the (possibly nested, dotted) column a filter names, if the file has it. */
    private static Optional<TypeDescription> topLevelColumn(TypeDescription fileSchema, String name) {
        TypeDescription column;
        try {
            column = fileSchema.findSubtype(name);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return fileSchema.getChildren().stream()
                .filter(child -> child.getId() <= column.getId() && column.getId() <= child.getMaximumId())
                .findFirst();
    }

    /**
     * The position in the file's top-level struct of each field to read, matched by the field id the file records;
     * files without ids (not written by us) are matched by name.
     */
    private static int[] findColumns(TypeDescription fileSchema, RowType fileReadType, Path path) {
        List<TypeDescription> children = fileSchema.getChildren();
        List<String> names = fileSchema.getFieldNames();
        boolean hasIds = children.stream().anyMatch(child -> OrcTypes.fieldId(child) >= 0);
        int[] columns = new int[fileReadType.fieldCount()];
        for (int i = 0; i < columns.length; i++) {
            DataField field = fileReadType.fields().get(i);
            int column = -1;
            for (int c = 0; c < children.size() && column < 0; c++) {
                boolean matches = hasIds ? OrcTypes.fieldId(children.get(c)) == field.id() : names.get(c).equals(field.name());
                if (matches) {
                    column = c;
                }
            }
            if (column < 0) {
                throw new IllegalStateException(String.format(
                        "Data file %s has no column for field '%s' (id %d) of its schema; the file's columns are %s",
                        path, field.name(), field.id(), fileSchema));
            }
            OrcTypes.checkReadable(children.get(column), field.type(), field.name(), path.toString());
            columns[i] = column;
        }
        return columns;
    }
}
