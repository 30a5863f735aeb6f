package io.tstore.core.mergetree;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.lsm.lookup.LookupCache;
import io.tstore.lsm.lookup.LookupOptions;
import io.tstore.options.Options;

/**
 * The one {@link LookupCache} of local lookup files of this process, which the writers of all primary-key tables
 * share (the {@code lookup} changelog producer). It is created on first use, bounded by the
 * {@code lookup.cache-max-disk-size} and {@code lookup.cache-file-retention} of the table that first needs it.
 */
public final class SharedLookupCache {
    private static LookupCache<BinaryRow, InternalRow> cache;

    private SharedLookupCache() {}

    public static synchronized LookupCache<BinaryRow, InternalRow> get(Options tableOptions) {
        if (cache == null) {
            cache = LookupCache.fromOptions(tableOptions);
        }
        return cache;
    }
}
