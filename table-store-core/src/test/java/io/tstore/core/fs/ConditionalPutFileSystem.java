package io.tstore.core.fs;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.Options.CreateFileOptionKeys;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.UUID;

/**
 * A local Hadoop file system under the scheme {@code condput:} that behaves like S3A with conditional create: a
 * file is uploaded whole when its stream is closed, and a create with {@code fs.option.create.conditional.overwrite}
 * fails in {@code close()} with a {@code RemoteFileChangedException} (HTTP 412) when an object is there. A test can
 * make the next upload be refused by its own object, as when a client retries a request whose answer was lost.
 */
public class ConditionalPutFileSystem extends RawLocalFileSystem {
    public static final String SCHEME = "condput";

    private static volatile boolean retryNextUpload;

    /** Makes the next upload succeed and then be "retried", which the store refuses with 412. */
    public static void retryNextUpload() {
        retryNextUpload = true;
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
    public boolean hasPathCapability(org.apache.hadoop.fs.Path path, String capability) throws IOException {
        return capability.equals(CreateFileOptionKeys.FS_OPTION_CREATE_CONDITIONAL_OVERWRITE) || super.hasPathCapability(path, capability);
    }

    @Override
    public FSDataOutputStreamBuilder<FSDataOutputStream, ?> createFile(org.apache.hadoop.fs.Path path) {
        return new Builder(this, path);
    }

    private final class Builder extends FSDataOutputStreamBuilder<FSDataOutputStream, Builder> {
        Builder(ConditionalPutFileSystem fs, org.apache.hadoop.fs.Path path) {
            super(fs, path);
        }

        @Override
        public Builder getThisBuilder() {
            return this;
        }

        @Override
        public FSDataOutputStream build() throws IOException {
            if (!getMandatoryKeys().contains(CreateFileOptionKeys.FS_OPTION_CREATE_CONDITIONAL_OVERWRITE)) {
                throw new IllegalArgumentException("this test file system only does conditional creates");
            }
            return new FSDataOutputStream(new UploadOnClose(pathToFile(getPath()).toPath()), null);
        }
    }

    /** Buffers the content and puts it in close(), atomically and only where nothing is. */
    private static final class UploadOnClose extends ByteArrayOutputStream {
        private final java.nio.file.Path target;
        private boolean closed;

        UploadOnClose(java.nio.file.Path target) {
            this.target = target;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            Files.createDirectories(target.getParent());
            java.nio.file.Path temp = target.resolveSibling(".upload-" + UUID.randomUUID());
            Files.write(temp, toByteArray());
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                throw new RemoteFileChangedException(target + ": 412 Precondition Failed");
            } finally {
                Files.delete(temp);
            }
            if (retryNextUpload) {
                retryNextUpload = false;
                throw new RemoteFileChangedException(target + ": 412 Precondition Failed on a retried upload");
            }
        }
    }

    /** Named like S3A's exception for HTTP 412, which HadoopFileIO recognizes by name. */
    static final class RemoteFileChangedException extends IOException {
        private static final long serialVersionUID = 1L;

        RemoteFileChangedException(String message) {
            super(message);
        }
    }
}
