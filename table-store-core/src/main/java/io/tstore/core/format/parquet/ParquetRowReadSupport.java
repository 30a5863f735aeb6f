package io.tstore.core.format.parquet;

import io.tstore.core.data.GenericRow;
import io.tstore.core.types.DataField;
import io.tstore.core.types.RowType;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Reads the columns of a file's row type that a read needs: finds them in the file's schema by field id (by name in
 * files without ids), requests only those from Parquet (and the columns the filter names, which are dropped), and
 * assembles each record into a {@link GenericRow} of {@code fileReadType}.
 */
final class ParquetRowReadSupport extends ReadSupport<GenericRow> {
    private final RowType fileReadType;
    private final Set<String> filterColumns;
    private final String file;
    /** The columns requested only because the filter names them: read, then dropped. */
    private List<Type> filterOnlyColumns = List.of();

    ParquetRowReadSupport(RowType fileReadType, Set<String> filterColumns, String file) {
        this.fileReadType = requireNonNull(fileReadType, "fileReadType is null");
        this.filterColumns = requireNonNull(filterColumns, "filterColumns is null");
        this.file = requireNonNull(file, "file is null");
    }

    @Override
    public ReadContext init(InitContext context) {
        MessageType fileSchema = context.getFileSchema();
        List<Type> fileFields = fileSchema.getFields();
        boolean hasIds = fileFields.stream().anyMatch(field -> field.getId() != null);
        List<Type> requested = new ArrayList<>(fileReadType.fieldCount());
        for (DataField field : fileReadType.fields()) {
            Type column = null;
            for (Type candidate : fileFields) {
                boolean matches = hasIds
                        ? candidate.getId() != null && candidate.getId().intValue() == field.id()
                        : candidate.getName().equals(field.name());
                if (matches) {
                    column = candidate;
                    break;
                }
            }
            if (column == null) {
                throw new IllegalStateException(String.format(
                        "Data file %s has no column for field '%s' (id %d) of its schema; the file's schema is %s",
                        file, field.name(), field.id(), fileSchema));
            }
            ParquetTypes.checkReadable(column, field.type(), field.name(), file);
            requested.add(column);
        }
        List<Type> filterOnly = new ArrayList<>();
        for (String name : filterColumns) {
            if (fileSchema.containsField(name) && !requested.contains(fileSchema.getType(name))) {
                filterOnly.add(fileSchema.getType(name));
            }
        }
        this.filterOnlyColumns = filterOnly;
        requested.addAll(filterOnly);
        return new ReadContext(new MessageType(fileSchema.getName(), requested));
    }

    @Override
    public RecordMaterializer<GenericRow> prepareForRead(
            Configuration configuration, Map<String, String> keyValueMetaData, MessageType fileSchema,
            ReadContext readContext) {
        return new RowMaterializer(fileReadType, filterOnlyColumns);
    }

    private static final class RowMaterializer extends RecordMaterializer<GenericRow> {
        private final GroupConverter root;
        private GenericRow current;

        RowMaterializer(RowType rowType, List<Type> ignoredColumns) {
            this.root = new ParquetRowConverters.RowConverter(rowType, ignoredColumns, value -> current = (GenericRow) value);
        }

        @Override
        public GenericRow getCurrentRecord() {
            return current;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }
}
