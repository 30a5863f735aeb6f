package io.tstore.core.log;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Reads a table's log from given offsets, in offset order per bucket. Not thread-safe. */
public interface LogReader extends AutoCloseable {

    /**
     * Returns the records that arrive within the timeout (possibly none).
     *
     * @throws LogOffsetLostException when the log no longer holds a record this reader needs (retention)
     */
    List<LogRecord> poll(Duration timeout) throws IOException;

    /** The next offset to read per bucket: a reader created with these offsets continues exactly here. */
    Map<Integer, Long> position() throws IOException;

    @Override
    void close();
}
