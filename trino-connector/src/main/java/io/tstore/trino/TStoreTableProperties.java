package io.tstore.trino;

import io.trino.spi.TrinoException;
import io.trino.spi.session.PropertyMetadata;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.TypeOperators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.trino.spi.StandardErrorCode.INVALID_TABLE_PROPERTY;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * The table properties of {@code CREATE TABLE ... WITH (...)}: {@code primary_key} and {@code partitioned_by}
 * (arrays of column names), {@code bucket}, and {@code options}, a map of any table option by its key
 * ({@code MAP(ARRAY['merge-engine'], ARRAY['partial-update'])}); the core checks the options when the table is
 * created and names a wrong one.
 */
final class TStoreTableProperties {
    static final String PRIMARY_KEY = "primary_key";
    static final String PARTITIONED_BY = "partitioned_by";
    static final String BUCKET = "bucket";
    static final String OPTIONS = "options";

    /** The core's option key of {@link #BUCKET}. */
    static final String BUCKET_OPTION = "bucket";

    private TStoreTableProperties() {}

    static List<PropertyMetadata<?>> properties() {
        return List.of(
                columnList(PRIMARY_KEY, "Primary-key columns: rows with the same key are merged, the latest wins by default"),
                columnList(PARTITIONED_BY, "Partition columns"),
                PropertyMetadata.integerProperty(BUCKET, "Number of buckets of each partition (the table option 'bucket')", null, false),
                new PropertyMetadata<>(OPTIONS, "Table options by key, such as 'merge-engine' or 'file.format'",
                        new MapType(VARCHAR, VARCHAR, new TypeOperators()), Map.class, Map.of(), false,
                        TStoreTableProperties::decodeOptions, value -> value));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PropertyMetadata<?> columnList(String name, String description) {
        return new PropertyMetadata<>(name, description, new ArrayType(VARCHAR), (Class<List<String>>) (Class) List.class, List.of(), false,
                value -> {
                    List<String> columns = new ArrayList<>();
                    for (Object column : (List<?>) value) {
                        columns.add(((String) column).toLowerCase(Locale.ROOT));
                    }
                    return List.copyOf(columns);
                },
                value -> value);
    }

    private static Map<?, ?> decodeOptions(Object value) {
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                throw new TrinoException(INVALID_TABLE_PROPERTY, "Table property 'options' has a null key or value: " + value);
            }
            options.put((String) entry.getKey(), (String) entry.getValue());
        }
        return options;
    }

    @SuppressWarnings("unchecked")
    static List<String> columns(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        return value == null ? List.of() : (List<String>) value;
    }

    /** The table options of the properties: {@code options} plus {@code bucket}. */
    @SuppressWarnings("unchecked")
    static Map<String, String> options(Map<String, Object> properties) {
        Map<String, String> options = new LinkedHashMap<>();
        Object map = properties.get(OPTIONS);
        if (map != null) {
            options.putAll((Map<String, String>) map);
        }
        Object bucket = properties.get(BUCKET);
        if (bucket != null) {
            String previous = options.put(BUCKET_OPTION, bucket.toString());
            if (previous != null && !previous.equals(bucket.toString())) {
                throw new TrinoException(INVALID_TABLE_PROPERTY, "Table property 'bucket' = " + bucket
                        + " contradicts option 'bucket' = '" + previous + "'; give one of them");
            }
        }
        return options;
    }
}
