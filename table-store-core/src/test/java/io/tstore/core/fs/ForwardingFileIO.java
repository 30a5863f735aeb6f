package io.tstore.core.fs;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/** A {@link FileIO} that forwards every call to another: tests override the calls they want to change. */
public class ForwardingFileIO implements FileIO {
    private static final long serialVersionUID = 1L;

    private final FileIO delegate;

    public ForwardingFileIO(FileIO delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public SeekableInputStream newInputStream(Path path) throws IOException {
        return delegate.newInputStream(path);
    }

    @Override
    public PositionOutputStream newOutputStream(Path path, boolean overwrite) throws IOException {
        return delegate.newOutputStream(path, overwrite);
    }

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
        return delegate.getFileStatus(path);
    }

    @Override
    public FileStatus[] listStatus(Path path) throws IOException {
        return delegate.listStatus(path);
    }

    @Override
    public boolean exists(Path path) throws IOException {
        return delegate.exists(path);
    }

    @Override
    public boolean delete(Path path, boolean recursive) throws IOException {
        return delegate.delete(path, recursive);
    }

    @Override
    public boolean mkdirs(Path path) throws IOException {
        return delegate.mkdirs(path);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        return delegate.rename(src, dst);
    }

    @Override
    public PublishResult publish(Path target, byte[] content) throws IOException {
        return delegate.publish(target, content);
    }

    @Override
    public boolean isObjectStore() {
        return delegate.isObjectStore();
    }

    @Override
    public boolean supportsAtomicPublish() {
        return delegate.supportsAtomicPublish();
    }

    @Override
    public String toString() {
        return "Forwarding(" + delegate + ")";
    }
}
