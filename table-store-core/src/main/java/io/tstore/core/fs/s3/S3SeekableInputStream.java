package io.tstore.core.fs.s3;

import io.tstore.core.fs.Path;
import io.tstore.core.fs.SeekableInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import static java.util.Objects.checkFromIndexSize;

/**
 * Reads one S3 object with ranged GETs: a GET from the current position, opened when a read needs it and re-opened
 * after a seek that the open response cannot reach by skipping a little, or after the connection broke mid-body
 * (the SDK retries a request, not the reading of its body). Positional reads are a GET of exactly their range.
 * Every GET is pinned to the ETag the file had when it was opened, so a file replaced meanwhile fails clearly
 * instead of mixing two versions.
 */
final class S3SeekableInputStream extends SeekableInputStream {
    /** A forward seek shorter than this reads through the open response instead of opening a new one. */
    private static final long SKIP_WITHIN = 256 * 1024;

    private final S3Client client;
    private final Path path;
    private final String bucket;
    private final String key;
    private final long length;
    private final String eTag;
    private final int maxAttempts;

    private long pos;
    private ResponseInputStream<GetObjectResponse> body;
    private long bodyPos;
    private boolean closed;

    S3SeekableInputStream(S3Client client, Path path, String bucket, String key, long length, String eTag, int maxAttempts) {
        this.client = client;
        this.path = path;
        this.bucket = bucket;
        this.key = key;
        this.length = length;
        this.eTag = eTag;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public void seek(long position) throws IOException {
        checkOpen();
        if (position < 0) {
            throw new EOFException("Cannot seek to a negative position " + position + " in " + path);
        }
        pos = position;
    }

    @Override
    public long getPos() {
        return pos;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int len) throws IOException {
        checkFromIndexSize(offset, len, buffer.length);
        checkOpen();
        if (len == 0) {
            return 0;
        }
        if (pos >= length) {
            return -1;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                positionBody();
                int n = body.read(buffer, offset, (int) Math.min(len, length - pos));
                if (n < 0) {
                    throw new EOFException("The response for " + path + " ended at " + pos + " of " + length + " bytes");
                }
                pos += n;
                bodyPos += n;
                return n;
            } catch (IOException | SdkException e) {
                closeBody(true);
                if (attempt >= maxAttempts || e instanceof S3Exception) {
                    throw failure("read", e);
                }
            }
        }
    }

    @Override
    public long skip(long n) throws IOException {
        checkOpen();
        if (n <= 0) {
            return 0;
        }
        long skipped = Math.min(n, Math.max(0, length - pos));
        pos += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, length - pos));
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int len) throws IOException {
        checkFromIndexSize(offset, len, buffer.length);
        checkOpen();
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative: " + position);
        }
        if (position + len > length) {
            throw new EOFException(String.format("Reached the end of %s reading %d bytes at position %d: the file has %d bytes",
                    path, len, position, length));
        }
        if (len == 0) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try (InputStream in = get(position, position + len - 1)) {
                int done = 0;
                while (done < len) {
                    int n = in.read(buffer, offset + done, len - done);
                    if (n < 0) {
                        throw new EOFException("The response for " + path + " ended early at " + (position + done));
                    }
                    done += n;
                }
                return;
            } catch (IOException | SdkException e) {
                if (attempt >= maxAttempts || e instanceof S3Exception) {
                    throw failure("read", e);
                }
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeBody(false);
        }
    }

    /** Makes {@link #body} a response positioned at {@link #pos}. */
    private void positionBody() throws IOException {
        if (body != null && pos != bodyPos) {
            long ahead = pos - bodyPos;
            if (ahead > 0 && ahead <= SKIP_WITHIN) {
                byte[] scratch = new byte[(int) Math.min(ahead, 16 * 1024)];
                while (bodyPos < pos) {
                    int n = body.read(scratch, 0, (int) Math.min(scratch.length, pos - bodyPos));
                    if (n < 0) {
                        break;
                    }
                    bodyPos += n;
                }
            }
            if (pos != bodyPos) {
                closeBody(true);
            }
        }
        if (body == null) {
            body = get(pos, length - 1);
            bodyPos = pos;
        }
    }

    private ResponseInputStream<GetObjectResponse> get(long first, long last) {
        return client.getObject(b -> {
            b.bucket(bucket).key(key).range("bytes=" + first + "-" + last);
            if (eTag != null) {
                b.ifMatch(eTag);
            }
        });
    }

    private void closeBody(boolean abort) {
        ResponseInputStream<GetObjectResponse> open = body;
        body = null;
        if (open == null) {
            return;
        }
        try {
            if (abort || length - bodyPos > SKIP_WITHIN) {
                open.abort(); // draining a large rest would cost more than a new connection
            }
            open.close();
        } catch (IOException | RuntimeException ignored) {
            // the response is dropped either way
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("The stream of " + path + " is closed");
        }
    }

    private IOException failure(String action, Exception e) {
        if (e instanceof S3Exception s3 && s3.statusCode() == 412) {
            return new IOException("Could not " + action + " " + path + ": the file was replaced while it was being read", e);
        }
        if (e instanceof S3Exception s3 && s3.statusCode() == 404) {
            return new java.io.FileNotFoundException(path + " was deleted while it was being read");
        }
        if (e instanceof IOException io && !(e instanceof EOFException)) {
            return new IOException("Could not " + action + " " + path + " at position " + pos + ": " + io.getMessage(), io);
        }
        if (e instanceof IOException io) {
            return io;
        }
        return S3FileIO.failure(action, path, (SdkException) e);
    }
}
