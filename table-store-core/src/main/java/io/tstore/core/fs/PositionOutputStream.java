package io.tstore.core.fs;

import java.io.IOException;
import java.io.OutputStream;

/** A stream that writes a new file and knows how many bytes it has written: data file writers record offsets. */
public abstract class PositionOutputStream extends OutputStream {

    /** The number of bytes written so far, which is the position of the next byte in the file. */
    public abstract long getPos() throws IOException;
}
