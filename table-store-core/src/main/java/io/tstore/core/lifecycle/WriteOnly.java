package io.tstore.core.lifecycle;

import io.tstore.core.table.TableCompactor;

import io.tstore.core.options.MaintenanceOptions;
import io.tstore.lsm.compact.CompactStrategy;
import io.tstore.lsm.compact.CompactUnit;
import io.tstore.lsm.compact.CompactionOptions;
import io.tstore.lsm.compact.UniversalCompaction;
import io.tstore.lsm.file.LevelSortedRun;
import io.tstore.options.Options;

import java.util.List;
import java.util.Optional;

/**
 * How a writer of a {@code write-only} table compacts: never on its own (a primary-key writer only when asked for
 * a full compaction, an append writer when asked at all), and its writes never wait for compaction, however many
 * sorted runs pile up; a {@link TableCompactor} beside it compacts them.
 */
public final class WriteOnly {
    private WriteOnly() {}

    /** Picks nothing. */
    private static final CompactStrategy NO_COMPACTION = new CompactStrategy() {
        @Override
        public <K> Optional<CompactUnit<K>> pick(int numLevels, List<LevelSortedRun<K>> runs) {
            return Optional.empty();
        }
    };

    public static boolean isWriteOnly(Options options) {
        return options.get(MaintenanceOptions.WRITE_ONLY);
    }

    /** The compaction strategy of a writer: none for {@code write-only}, else the table's universal compaction. */
    public static CompactStrategy compactStrategy(Options options) {
        return isWriteOnly(options) ? NO_COMPACTION : UniversalCompaction.fromOptions(options);
    }

    /** The number of sorted runs at which writes wait for compaction: never for {@code write-only}. */
    public static int stopTrigger(Options options) {
        return isWriteOnly(options) ? Integer.MAX_VALUE : CompactionOptions.stopTrigger(options);
    }
}
