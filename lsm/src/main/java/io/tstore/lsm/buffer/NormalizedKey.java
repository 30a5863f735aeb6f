package io.tstore.lsm.buffer;

/**
 * A long that orders keys as the key comparator does, at least in part: if {@code prefix(a) < prefix(b)} then
 * {@code a < b}. Sorting the write buffer compares these longs first and calls the comparator only on ties, or
 * never when the prefix is {@link #isExact() exact}. Comparisons of deserialized keys dominate the sort
 * otherwise.
 */
public interface NormalizedKey<K> {

    long prefix(K key);

    /** Whether equal prefixes mean equal keys, so the comparator is never needed. */
    boolean isExact();
}
