package io.tstore.core.data;

/**
 * A MAP value in the internal representation: two arrays of equal size, the i-th key belonging to the i-th value.
 */
public interface InternalMap {

    int size();

    InternalArray keyArray();

    InternalArray valueArray();
}
