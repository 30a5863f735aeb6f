package io.tstore.core.table;

import io.tstore.core.data.InternalRow;
import io.tstore.core.types.RowType;
import io.tstore.lsm.RecordReader;

import java.io.IOException;
import java.util.List;

/** Reads the splits of a {@link TableScan} into rows of the read type, anywhere the table's files are reachable. */
public interface TableRead {

    /** The type of the rows this read returns. */
    RowType readType();

    RecordReader<InternalRow> createReader(Split split) throws IOException;

    /** Reads several splits one after the other. */
    default RecordReader<InternalRow> createReader(List<? extends Split> splits) {
        return RecordReader.concat(splits, this::createReader);
    }
}
