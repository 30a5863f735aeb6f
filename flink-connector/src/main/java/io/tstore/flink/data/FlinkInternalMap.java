package io.tstore.flink.data;

import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;

import org.apache.flink.table.data.MapData;

import static java.util.Objects.requireNonNull;

/** A Flink {@link MapData} seen as an {@link InternalMap}: its key and value arrays, viewed. */
public final class FlinkInternalMap implements InternalMap {
    private final MapData map;

    public FlinkInternalMap(MapData map) {
        this.map = requireNonNull(map, "map is null");
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public InternalArray keyArray() {
        return new FlinkInternalArray(map.keyArray());
    }

    @Override
    public InternalArray valueArray() {
        return new FlinkInternalArray(map.valueArray());
    }
}
