package io.tstore.core.data;

import io.tstore.core.types.DataType;

import static java.util.Objects.requireNonNull;

/**
 * An ARRAY value in the internal representation: elements read with the typed getters of {@link DataGetters}.
 */
public interface InternalArray extends DataGetters {

    int size();

    /** Reads one element of an array as an object in its internal form, or null. */
    @FunctionalInterface
    interface ElementGetter {
        Object getElementOrNull(InternalArray array, int pos);
    }

    /** A getter of elements of this type: the internal form boxed, or null when the element is null. */
    static ElementGetter createElementGetter(DataType elementType) {
        requireNonNull(elementType, "elementType is null");
        ValueGetters.PositionGetter getter = ValueGetters.forType(elementType);
        return (array, pos) -> array.isNullAt(pos) ? null : getter.get(array, pos);
    }
}
