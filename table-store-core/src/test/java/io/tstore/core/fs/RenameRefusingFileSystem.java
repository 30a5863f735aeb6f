package io.tstore.core.fs;

import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.IOException;
import java.net.URI;

/**
 * A local Hadoop file system under the scheme {@code refusing:} whose rename, like HDFS's, refuses an existing
 * target as one atomic step (atomic within this process), to test publishing by rename without an HDFS cluster.
 * A test can make the next rename throw as if the connection broke, before or after it took effect.
 */
public class RenameRefusingFileSystem extends RawLocalFileSystem {
    public static final String SCHEME = "refusing";

    /** A broken connection during a rename. */
    public enum Fault { NONE, LOST_REQUEST, LOST_ANSWER }

    private static final Object RENAME_LOCK = new Object();
    private static volatile Fault nextRenameFault = Fault.NONE;

    /** Makes the next rename (of any instance) throw; {@link Fault#LOST_ANSWER} renames first. */
    public static void failNextRename(Fault fault) {
        nextRenameFault = fault;
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
        synchronized (RENAME_LOCK) {
            Fault fault = nextRenameFault;
            nextRenameFault = Fault.NONE;
            if (fault == Fault.LOST_REQUEST) {
                throw new IOException("Connection reset before renaming " + src);
            }
            boolean renamed = !exists(dst) && super.rename(src, dst);
            if (fault == Fault.LOST_ANSWER) {
                throw new IOException("Connection reset after renaming " + src);
            }
            return renamed;
        }
    }
}
