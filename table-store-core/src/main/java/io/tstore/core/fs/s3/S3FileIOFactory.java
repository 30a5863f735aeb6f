package io.tstore.core.fs.s3;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileIOFactory;
import io.tstore.core.fs.Path;

import java.util.Map;
import java.util.Set;

/** Serves {@code s3://} and {@code s3a://} paths with {@link S3FileIO} (found through {@link java.util.ServiceLoader}). */
public final class S3FileIOFactory implements FileIOFactory {

    @Override
    public Set<String> schemes() {
        return Set.of("s3", "s3a");
    }

    @Override
    public FileIO create(Path warehouseOrTablePath, Map<String, String> options) {
        return new S3FileIO(warehouseOrTablePath, options);
    }
}
