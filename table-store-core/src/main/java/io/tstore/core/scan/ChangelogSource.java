package io.tstore.core.scan;

import io.tstore.core.options.ChangelogOptions;
import io.tstore.core.options.ChangelogProducer;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.options.Options;


/**
 * Which files of a new snapshot a streaming read follows, by the table's {@code changelog-producer}.
 *
 * <ul>
 *   <li>{@link #DELTA} ({@code none}, and every table without primary key): the new data files of APPEND
 *       snapshots (their delta manifest list); COMPACT snapshots hold no new data and are skipped. For a
 *       primary-key table these are upserts: each key's latest version of a flush, +I/+U or -D, without the old
 *       value.</li>
 *   <li>{@link #CHANGELOG} (any other producer): the changelog files of every snapshot (its changelog manifest
 *       list), APPEND and COMPACT alike, which hold the complete changelog (+I, -U, +U, -D).</li>
 * </ul>
 *
 * OVERWRITE snapshots are handled apart from both (see {@code streaming-read-overwrite}).
 */
public enum ChangelogSource {
    DELTA,
    CHANGELOG;

    public static ChangelogSource of(Options tableOptions, boolean hasPrimaryKey) {
        if (!hasPrimaryKey || tableOptions.get(ChangelogOptions.CHANGELOG_PRODUCER) == ChangelogProducer.NONE) {
            return DELTA;
        }
        return CHANGELOG;
    }

    /** Whether a snapshot of this kind can hold files to follow (OVERWRITE aside). */
    public boolean follows(Snapshot snapshot) {
        return switch (snapshot.commitKind()) {
            case APPEND -> true;
            case COMPACT -> this == CHANGELOG;
            case OVERWRITE -> false;
        };
    }
}
