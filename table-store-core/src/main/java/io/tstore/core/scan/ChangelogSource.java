package io.tstore.core.scan;

import io.tstore.core.snapshot.Snapshot;
import io.tstore.options.Options;

import java.util.Locale;

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

    /**
     * The key of the table option that names the changelog producer. It is declared with the producers; read
     * here as text, so that following depends only on whether a producer other than {@code none} is set.
     */
    public static final String CHANGELOG_PRODUCER_KEY = "changelog-producer";

    public static ChangelogSource of(Options tableOptions, boolean hasPrimaryKey) {
        String producer = tableOptions.toMap().get(CHANGELOG_PRODUCER_KEY);
        if (!hasPrimaryKey || producer == null || producer.trim().toLowerCase(Locale.ROOT).equals("none")) {
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
