package io.tstore.flink;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;
import io.tstore.core.data.InternalRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.types.ArrayType;
import io.tstore.core.types.DataType;
import io.tstore.core.types.MapType;
import io.tstore.core.types.RowType;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.Factory;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tstore catalog whose tables can also be read, for tests of statements that read tables (INSERT ... SELECT
 * FROM, UPDATE, DELETE) before the connector has its own source: a bounded scan that reads the latest snapshot
 * with the table format's reader when the job is planned.
 */
final class ReadableTestCatalog extends FlinkCatalog {

    ReadableTestCatalog(String name, Catalog catalog) {
        super(name, "default", catalog);
    }

    @Override
    public Optional<Factory> getFactory() {
        return Optional.of(new ReadableTableFactory(catalog()));
    }

    static final class ReadableTableFactory extends FlinkTableFactory implements DynamicTableSourceFactory {
        ReadableTableFactory(Catalog catalog) {
            super(catalog);
        }

        @Override
        public DynamicTableSource createDynamicTableSource(Context context) {
            return new SnapshotSource(table(context));
        }
    }

    static final class SnapshotSource implements ScanTableSource {
        private final FileStoreTable table;

        SnapshotSource(FileStoreTable table) {
            this.table = table;
        }

        @Override
        public ChangelogMode getChangelogMode() {
            return ChangelogMode.insertOnly();
        }

        @Override
        public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
            return new DataStreamScanProvider() {
                @Override
                public DataStream<RowData> produceDataStream(ProviderContext providerContext, StreamExecutionEnvironment env) {
                    List<RowData> rows = new ArrayList<>();
                    try {
                        for (InternalRow row : table.newReadBuilder().readAll()) {
                            rows.add(toFlink(row, table.rowType()));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    TypeInformation<RowData> type = InternalTypeInfo.of(FlinkTypes.toFlink(table.rowType()));
                    return env.fromData(rows, type).setParallelism(1);
                }

                @Override
                public boolean isBounded() {
                    return true;
                }
            };
        }

        @Override
        public DynamicTableSource copy() {
            return new SnapshotSource(table);
        }

        @Override
        public String asSummaryString() {
            return "test snapshot source of " + table.name();
        }
    }

    static GenericRowData toFlink(InternalRow row, RowType type) {
        GenericRowData result = new GenericRowData(type.fieldCount());
        for (int i = 0; i < type.fieldCount(); i++) {
            DataType fieldType = type.typeAt(i);
            result.setField(i, toFlink(InternalRow.createFieldGetter(fieldType, i).getFieldOrNull(row), fieldType));
        }
        return result;
    }

    private static Object toFlink(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (value instanceof BinaryString s) {
            return StringData.fromBytes(s.toBytes());
        }
        if (value instanceof Decimal d) {
            return DecimalData.fromBigDecimal(d.toBigDecimal(), d.precision(), d.scale());
        }
        if (value instanceof Timestamp t) {
            return TimestampData.fromEpochMillis(t.millisecond(), t.nanoOfMillisecond());
        }
        if (value instanceof InternalArray array) {
            DataType elementType = ((ArrayType) type).elementType();
            return new GenericArrayData(elements(array, elementType));
        }
        if (value instanceof InternalMap map) {
            MapType mapType = (MapType) type;
            Object[] keys = elements(map.keyArray(), mapType.keyType());
            Object[] values = elements(map.valueArray(), mapType.valueType());
            Map<Object, Object> entries = new HashMap<>();
            for (int i = 0; i < keys.length; i++) {
                entries.put(keys[i], values[i]);
            }
            return new GenericMapData(entries);
        }
        if (value instanceof InternalRow nested) {
            return toFlink(nested, (RowType) type);
        }
        return value; // numbers, booleans, dates, times and byte arrays have the same form in both
    }

    private static Object[] elements(InternalArray array, DataType elementType) {
        InternalArray.ElementGetter getter = InternalArray.createElementGetter(elementType);
        Object[] elements = new Object[array.size()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = toFlink(getter.getElementOrNull(array, i), elementType);
        }
        return elements;
    }
}
