package io.tstore.core.log;

import java.io.IOException;
import java.util.Map;

/** The log no longer holds records a reader needs: retention deleted them before they were read. */
public class LogOffsetLostException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Map<Integer, Long> lostOffsets;

    public LogOffsetLostException(String message, Map<Integer, Long> lostOffsets) {
        super(message);
        this.lostOffsets = Map.copyOf(lostOffsets);
    }

    /** The offsets the reader needed, per bucket. */
    public Map<Integer, Long> lostOffsets() {
        return lostOffsets;
    }
}
