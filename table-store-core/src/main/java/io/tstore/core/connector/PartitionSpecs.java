package io.tstore.core.connector;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.file.PartitionNames;
import io.tstore.core.manifest.ManifestEntry;
import io.tstore.core.scan.FileStoreScan;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DecimalType;
import io.tstore.core.types.RowType;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Partition specs, the form in which engines and people name partitions: partition keys to values as text
 * ({@code dt=2024-05-01,hr=3}), values as they appear in partition directories, a null value as
 * {@value PartitionNames#DEFAULT_PARTITION_NAME}. A spec may name some of the keys only; it then matches every
 * partition with those values. Values are checked against the key's type and written the one way partition
 * directories write them ({@code hr=03} of an INT key is {@code hr=3}), so specs compare as text.
 */
public final class PartitionSpecs {
    private PartitionSpecs() {}

    /**
     * The specs of text such as {@code k1=v1,k2=v2;k1=v3}: partitions separated by {@code ;}, each a comma-separated
     * list of {@code key=value}; keys and values are trimmed.
     *
     * @throws IllegalArgumentException naming the table and the bad part, key or value
     */
    public static List<Map<String, String>> parse(FileStoreTable table, String text) {
        requireNonNull(text, "text is null");
        List<Map<String, String>> specs = new ArrayList<>();
        for (String partition : text.split(";")) {
            if (partition.isBlank()) {
                continue;
            }
            Map<String, String> spec = new LinkedHashMap<>();
            for (String pair : partition.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || pair.substring(0, eq).isBlank()) {
                    throw new IllegalArgumentException(String.format(
                            "Table %s: bad partition spec '%s', expected key=value[,key=value...]", table.name(), partition.trim()));
                }
                String key = pair.substring(0, eq).trim();
                if (spec.put(key, pair.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException(String.format(
                            "Table %s: partition spec '%s' names '%s' twice", table.name(), partition.trim(), key));
                }
            }
            specs.add(normalize(table, spec));
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("Table " + table.name() + ": no partition in partition specs '" + text + "'");
        }
        return specs;
    }

    /**
     * A spec with its keys checked and its values checked against their types and written as partition directories
     * write them, in the order of the table's partition keys. A null value stands for a null partition value.
     *
     * @throws IllegalArgumentException naming the table, and the key that is not a partition key or the value that
     *     is not of its key's type
     */
    public static Map<String, String> normalize(FileStoreTable table, Map<String, String> spec) {
        RowType partitionType = table.schema().logicalPartitionType();
        List<String> keys = partitionType.fieldNames();
        for (String key : spec.keySet()) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(String.format(
                        "Table %s: partition spec %s names columns that are not its partition keys %s: '%s'",
                        table.name(), spec, keys, key));
            }
        }
        PartitionNames names = new PartitionNames(partitionType);
        Map<String, String> normalized = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (!spec.containsKey(key)) {
                continue;
            }
            String text = spec.get(key);
            GenericRow values = new GenericRow(keys.size());
            if (text != null && !text.equals(PartitionNames.DEFAULT_PARTITION_NAME)) {
                values.setField(i, parseValue(table, key, partitionType.typeAt(i), text));
            }
            normalized.put(key, names.valueString(i, values));
        }
        return normalized;
    }

    /** The spec of one partition (of the table's partition type): every key and its value. */
    public static Map<String, String> toSpec(FileStoreTable table, BinaryRow partition) {
        RowType partitionType = table.schema().logicalPartitionType();
        PartitionNames names = new PartitionNames(partitionType);
        Map<String, String> spec = new LinkedHashMap<>();
        for (int i = 0; i < partitionType.fieldCount(); i++) {
            spec.put(partitionType.fieldNames().get(i), names.valueString(i, partition));
        }
        return spec;
    }

    /** Whether a partition matches one of the (normalized) specs: has every value of the spec. */
    public static Predicate<BinaryRow> matcher(FileStoreTable table, List<Map<String, String>> specs) {
        List<Map<String, String>> copies = List.copyOf(specs);
        return partition -> {
            Set<Map.Entry<String, String>> values = toSpec(table, partition).entrySet();
            for (Map<String, String> spec : copies) {
                if (values.containsAll(spec.entrySet())) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The partitions that hold files in the table's latest snapshot, as specs; none for an empty table. */
    public static List<Map<String, String>> list(FileStoreTable table) throws IOException {
        RowType partitionType = table.schema().logicalPartitionType();
        Snapshot snapshot = table.snapshotManager().latestSnapshot();
        if (snapshot == null || partitionType.fieldCount() == 0) {
            return List.of();
        }
        Set<BinaryRow> partitions = new LinkedHashSet<>();
        for (ManifestEntry entry : new FileStoreScan(table.fileIO(), table.location(), partitionType).readFiles(snapshot, null, null, null)) {
            partitions.add(entry.partition());
        }
        List<Map<String, String>> specs = new ArrayList<>(partitions.size());
        for (BinaryRow partition : partitions) {
            specs.add(toSpec(table, partition));
        }
        return specs;
    }

    /** The value of text in the internal form of the type, as partition directories write it. */
    private static Object parseValue(FileStoreTable table, String key, DataType type, String text) {
        try {
            switch (type.root()) {
                case BOOLEAN:
                    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                        return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
                    }
                    throw new IllegalArgumentException("not true or false");
                case TINYINT:
                    return Byte.parseByte(text);
                case SMALLINT:
                    return Short.parseShort(text);
                case INT:
                    return Integer.parseInt(text);
                case BIGINT:
                    return Long.parseLong(text);
                case FLOAT:
                    return Float.parseFloat(text);
                case DOUBLE:
                    return Double.parseDouble(text);
                case DECIMAL: {
                    DecimalType decimal = (DecimalType) type;
                    return Decimal.fromBigDecimal(new BigDecimal(text), decimal.precision(), decimal.scale());
                }
                case CHAR:
                case VARCHAR:
                    return BinaryString.fromString(text);
                case DATE:
                    return Math.toIntExact(LocalDate.parse(text).toEpochDay());
                case TIME:
                    return (int) (LocalTime.parse(text).toNanoOfDay() / 1_000_000);
                case TIMESTAMP:
                case TIMESTAMP_LTZ:
                    return Timestamp.fromLocalDateTime(LocalDateTime.parse(text.replace(' ', 'T')));
                default:
                    throw new IllegalArgumentException("partition specs do not support keys of type " + type);
            }
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            throw new IllegalArgumentException(String.format(
                    "Table %s: value '%s' of partition key '%s' is not a %s (%s)", table.name(), text, key, type, e.getMessage()), e);
        }
    }
}
