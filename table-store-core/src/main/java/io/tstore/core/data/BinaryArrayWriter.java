package io.tstore.core.data;

import java.util.Arrays;

/** Builds one {@link BinaryArray}: write every element once, in order, then {@link #complete()}. */
final class BinaryArrayWriter extends BinaryWriter {

    BinaryArrayWriter(int size) {
        super(4, size);
    }

    BinaryArray complete() {
        int size = finish();
        return BinaryArray.wrap(Arrays.copyOf(buffer, size), 0, size);
    }
}
