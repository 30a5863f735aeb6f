package io.tstore.core.fs.s3;

import io.tstore.core.fs.Path;
import io.tstore.core.fs.PositionOutputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one S3 object: bytes collect in a buffer of one part; a file that fits is uploaded with one PUT when the
 * stream is closed, a larger one becomes a multipart upload whose parts are sent as the buffer fills, completed at
 * {@link #close()} and aborted when anything fails. Nothing is visible before {@code close()} returns.
 */
final class S3PositionOutputStream extends PositionOutputStream {
    private final S3Client client;
    private final Path path;
    private final String bucket;
    private final String key;
    private final boolean ifNoneMatch;

    private final byte[] buffer;
    private int buffered;
    private long pos;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private boolean closed;

    S3PositionOutputStream(S3Client client, Path path, String bucket, String key, int partSize, boolean ifNoneMatch) {
        this.client = client;
        this.path = path;
        this.bucket = bucket;
        this.key = key;
        this.ifNoneMatch = ifNoneMatch;
        this.buffer = new byte[partSize];
    }

    @Override
    public long getPos() {
        return pos;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        if (closed) {
            throw new IOException("The stream of " + path + " is closed");
        }
        while (length > 0) {
            int n = Math.min(length, buffer.length - buffered);
            System.arraycopy(data, offset, buffer, buffered, n);
            buffered += n;
            offset += n;
            length -= n;
            pos += n;
            if (buffered == buffer.length) {
                uploadPart();
            }
        }
    }

    private void uploadPart() throws IOException {
        try {
            if (uploadId == null) {
                uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            }
            int number = parts.size() + 1;
            String eTag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(Arrays.copyOf(buffer, buffered))).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            buffered = 0;
        } catch (SdkException e) {
            abortUpload(e);
            closed = true;
            throw S3FileIO.failure("upload a part of", path, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (uploadId == null) {
                byte[] content = Arrays.copyOf(buffer, buffered);
                try {
                    client.putObject(b -> {
                        b.bucket(bucket).key(key);
                        if (ifNoneMatch) {
                            b.ifNoneMatch("*");
                        }
                    }, RequestBody.fromBytes(content));
                } catch (S3Exception e) {
                    // An SDK retry of our own PUT whose answer was lost is refused by the object that PUT created.
                    if (e.statusCode() != 412 || !holds(content)) {
                        throw e;
                    }
                }
                return;
            }
            if (buffered > 0) {
                uploadPart();
            }
            client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (S3Exception e) {
            abortUpload(e);
            if (e.statusCode() == 412) {
                FileAlreadyExistsException exists = new FileAlreadyExistsException(path.toString(), null,
                        "another writer created the file while this one wrote it, and overwrite is false");
                exists.initCause(e);
                throw exists;
            }
            throw S3FileIO.failure("upload", path, e);
        } catch (SdkException e) {
            abortUpload(e);
            throw S3FileIO.failure("upload", path, e);
        } finally {
            closed = true;
        }
    }

    /** Whether the object holds exactly {@code content}; false when it cannot be read. */
    private boolean holds(byte[] content) {
        try (java.io.InputStream in = client.getObject(b -> b.bucket(bucket).key(key))) {
            return Arrays.equals(in.readAllBytes(), content);
        } catch (IOException | SdkException e) {
            return false;
        }
    }

    private void abortUpload(Exception cause) {
        if (uploadId == null) {
            return;
        }
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            cause.addSuppressed(e); // an incomplete upload is invisible; a bucket lifecycle rule removes it
        }
    }
}
