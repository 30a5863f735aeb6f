package io.tstore.core.table;

import java.io.IOException;
import java.util.List;

/** Plans the splits of a read. */
public interface TableScan {

    /** The splits to read; empty when there is nothing (for a data table: no snapshot yet). */
    Plan plan() throws IOException;

    /** What a scan found: the snapshot it read (null for an empty table, or a table without snapshots) and its splits. */
    record Plan(Long snapshotId, List<Split> splits) {

        public Plan {
            splits = List.copyOf(splits);
        }

        public long rowCount() {
            long rows = 0;
            for (Split split : splits) {
                rows += split.rowCount();
            }
            return rows;
        }
    }
}
