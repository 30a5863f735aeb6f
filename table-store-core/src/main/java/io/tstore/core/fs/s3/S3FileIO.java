package io.tstore.core.fs.s3;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PositionOutputStream;
import io.tstore.core.fs.PublishOutcomeUnknownException;
import io.tstore.core.fs.PublishResult;
import io.tstore.core.fs.SeekableInputStream;
import io.tstore.options.Options;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * {@link FileIO} over S3 and S3-compatible stores with the AWS SDK v2, for {@code s3://bucket/key} and
 * {@code s3a://bucket/key} paths (configured by {@link S3FileIOOptions}).
 *
 * <p>How the file system maps onto objects: a file is an object whose key is the path without the bucket; a
 * directory is a key prefix ending in {@code /}, present while any object is under it, and {@link #mkdirs} puts an
 * empty marker object {@code <dir>/} so that an empty directory exists too. Reads are ranged GETs pinned to the
 * object's ETag; writes of files below one part ({@link S3FileIOOptions#MULTIPART_PART_SIZE}) are one PUT, larger
 * ones a streaming multipart upload; a file appears whole when its stream is closed. Listing pages through
 * ListObjectsV2 with the delimiter {@code /}. Every request is retried by the SDK's standard retry strategy
 * (throttling, 5xx, broken connections) up to {@link S3FileIOOptions#MAX_ATTEMPTS} times.
 *
 * <p>{@link #rename} is a copy of every object followed by a delete: it is not atomic and not cheap, and a failure
 * half-way leaves both copies. The table format never renames on S3: it publishes.
 *
 * <p>{@link #publish} is a PUT with {@code If-None-Match: *}. A 412 means an object exists: it is read back, and if
 * it holds exactly our bytes it is ours (an SDK retry of our own PUT whose first answer was lost is refused by the
 * object that PUT created), otherwise another writer won. A failure that does not tell whether the PUT was
 * applied (a broken connection after the request was sent, a 5xx) is resolved the same way by reading the target;
 * only when the target is absent, and a delayed request could still create it, is the outcome unknown
 * ({@link PublishOutcomeUnknownException}). With {@link S3FileIOOptions#CONDITIONAL_PUT} off the PUT is preceded by
 * an existence check instead, which is not atomic ({@link #supportsAtomicPublish()} is false).
 *
 * <p>Serializable: a copy keeps the options only, and shares the process's {@link S3Client} of those options.
 */
public final class S3FileIO implements FileIO {
    private static final long serialVersionUID = 1L;

    private static final int DELETE_BATCH = 1000;

    private final Path root;
    private final TreeMap<String, String> options;
    private final boolean conditionalPut;
    private final int partSize;
    private final int maxAttempts;

    private transient volatile S3Client client;

    /** A file IO for the warehouse or table at {@code root}; the options are checked here. */
    public S3FileIO(Path root, Map<String, String> options) {
        this.root = requireNonNull(root, "root is null");
        this.options = S3Clients.s3Options(requireNonNull(options, "options is null"));
        Options typed = new Options(this.options);
        this.conditionalPut = typed.get(S3FileIOOptions.CONDITIONAL_PUT);
        this.partSize = S3Clients.partSize(typed);
        this.maxAttempts = typed.get(S3FileIOOptions.MAX_ATTEMPTS);
        S3Clients.check(this.options);
        bucketOf(root);
    }

    S3Client client() {
        S3Client c = client;
        if (c == null) {
            c = S3Clients.shared(options);
            client = c;
        }
        return c;
    }

    @Override
    public SeekableInputStream newInputStream(Path path) throws IOException {
        String bucket = bucketOf(path);
        String key = fileKey(path);
        HeadObjectResponse head = head(bucket, key, path);
        if (head == null) {
            throw new FileNotFoundException(path + " does not exist");
        }
        return new S3SeekableInputStream(client(), path, bucket, key, head.contentLength(), head.eTag(), maxAttempts);
    }

    @Override
    public PositionOutputStream newOutputStream(Path path, boolean overwrite) throws IOException {
        String bucket = bucketOf(path);
        String key = fileKey(path);
        if (!overwrite && exists(path)) {
            throw new FileAlreadyExistsException(path.toString(), null, "the file exists and overwrite is false");
        }
        return new S3PositionOutputStream(client(), path, bucket, key, partSize, !overwrite && conditionalPut);
    }

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
        String bucket = bucketOf(path);
        String key = key(path);
        if (!key.isEmpty()) {
            HeadObjectResponse head = head(bucket, key, path);
            if (head != null) {
                return fileStatus(path, head.contentLength(), head.lastModified() == null ? 0 : head.lastModified().toEpochMilli());
            }
        }
        if (key.isEmpty() || hasAnyUnder(bucket, key + "/", path)) {
            return new FileStatus(path, 0, true, 0);
        }
        throw new FileNotFoundException(path + " does not exist");
    }

    @Override
    public FileStatus[] listStatus(Path path) throws IOException {
        String bucket = bucketOf(path);
        String key = key(path);
        String prefix = key.isEmpty() ? "" : key + "/";
        List<FileStatus> statuses = new ArrayList<>();
        try {
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/").build();
            for (ListObjectsV2Response page : client().listObjectsV2Paginator(request)) {
                for (S3Object object : page.contents()) {
                    if (object.key().equals(prefix)) {
                        continue; // the directory's own marker
                    }
                    statuses.add(fileStatus(Path.listedChild(path, object.key().substring(prefix.length())),
                            object.size(), object.lastModified() == null ? 0 : object.lastModified().toEpochMilli()));
                }
                for (CommonPrefix common : page.commonPrefixes()) {
                    String name = common.prefix().substring(prefix.length(), common.prefix().length() - 1);
                    if (!name.isEmpty()) {
                        statuses.add(new FileStatus(Path.listedChild(path, name), 0, true, 0));
                    }
                }
            }
        } catch (SdkException e) {
            throw failure("list", path, e);
        }
        if (statuses.isEmpty() && !key.isEmpty()) {
            HeadObjectResponse head = head(bucket, key, path);
            if (head != null) {
                return new FileStatus[] {fileStatus(path, head.contentLength(), head.lastModified() == null ? 0 : head.lastModified().toEpochMilli())};
            }
        }
        statuses.sort(Comparator.comparing(FileStatus::path));
        return statuses.toArray(new FileStatus[0]);
    }

    @Override
    public boolean exists(Path path) throws IOException {
        String bucket = bucketOf(path);
        String key = key(path);
        if (key.isEmpty()) {
            return true;
        }
        return head(bucket, key, path) != null || hasAnyUnder(bucket, key + "/", path);
    }

    @Override
    public boolean delete(Path path, boolean recursive) throws IOException {
        String bucket = bucketOf(path);
        String key = key(path);
        try {
            if (!key.isEmpty() && head(bucket, key, path) != null) {
                client().deleteObject(b -> b.bucket(bucket).key(key));
                return true;
            }
            String prefix = key.isEmpty() ? "" : key + "/";
            List<String> keys = keysUnder(bucket, prefix);
            if (keys.isEmpty()) {
                return false;
            }
            if (!recursive && keys.stream().anyMatch(k -> !k.equals(prefix))) {
                throw new IOException("Cannot delete " + path + ": it is a directory that is not empty, and recursive is false");
            }
            deleteKeys(bucket, keys, path);
            return true;
        } catch (SdkException e) {
            throw failure("delete", path, e);
        }
    }

    @Override
    public boolean mkdirs(Path path) throws IOException {
        String bucket = bucketOf(path);
        String key = key(path);
        if (key.isEmpty()) {
            return true;
        }
        if (head(bucket, key, path) != null) {
            throw new FileAlreadyExistsException(path.toString(), null, "it is a file, not a directory");
        }
        try {
            client().putObject(b -> b.bucket(bucket).key(key + "/"), RequestBody.empty());
            return true;
        } catch (SdkException e) {
            throw failure("create the directory", path, e);
        }
    }

    /** Copies every object of {@code src} to {@code dst}, then deletes the originals: not atomic (see the class). */
    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        String bucket = bucketOf(src);
        String dstBucket = bucketOf(dst);
        String srcKey = key(src);
        String dstKey = key(dst);
        try {
            if (!srcKey.isEmpty() && head(bucket, srcKey, src) != null) {
                if (exists(dst)) {
                    return false;
                }
                copy(bucket, srcKey, dstBucket, dstKey);
                client().deleteObject(b -> b.bucket(bucket).key(srcKey));
                return true;
            }
            String srcPrefix = srcKey.isEmpty() ? "" : srcKey + "/";
            List<String> keys = keysUnder(bucket, srcPrefix);
            if (keys.isEmpty()) {
                throw new FileNotFoundException("Cannot rename " + src + " to " + dst + ": " + src + " does not exist");
            }
            if (exists(dst)) {
                return false;
            }
            String dstPrefix = dstKey.isEmpty() ? "" : dstKey + "/";
            for (String key : keys) {
                copy(bucket, key, dstBucket, dstPrefix + key.substring(srcPrefix.length()));
            }
            deleteKeys(bucket, keys, src);
            return true;
        } catch (SdkException e) {
            throw failure("rename " + src + " to", dst, e);
        }
    }

    @Override
    public PublishResult publish(Path target, byte[] content) throws IOException {
        requireNonNull(target, "target is null");
        requireNonNull(content, "content is null");
        String bucket = bucketOf(target);
        String key = fileKey(target);
        if (!conditionalPut && exists(target)) {
            return PublishResult.ALREADY_EXISTS;
        }
        try {
            client().putObject(b -> {
                b.bucket(bucket).key(key);
                if (conditionalPut) {
                    b.ifNoneMatch("*");
                }
            }, RequestBody.fromBytes(content));
            return PublishResult.PUBLISHED;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return ownerOf(target, bucket, key, content, e, true);
            }
            if (e.statusCode() >= 500 || e.statusCode() == 409) {
                // Retries ran out on answers that do not say whether an earlier attempt was applied.
                return ownerOf(target, bucket, key, content, e, false);
            }
            throw failure("publish", target, e); // refused (403, 400...): nothing was written
        } catch (SdkException e) {
            // A broken connection or a timeout: the request (or an earlier attempt of it) may have been applied.
            return ownerOf(target, bucket, key, content, e, false);
        }
    }

    /**
     * Tells whose object is at a publish target after a PUT that was refused because an object exists
     * ({@code conflict}), or whose outcome is not known: exactly our bytes mean it is ours, other bytes mean
     * another writer won (and a delayed request of ours can no longer create it), no object means the outcome is
     * still unknown, except after a refusal.
     */
    private PublishResult ownerOf(Path target, String bucket, String key, byte[] content, Exception failure, boolean conflict)
            throws IOException {
        byte[] existing;
        try {
            existing = readAll(bucket, key, target);
        } catch (IOException | SdkException e) {
            e.addSuppressed(failure);
            throw new PublishOutcomeUnknownException(target, "the PUT failed (" + failure.getMessage()
                    + "), and reading the target back failed too: " + e.getMessage(), e);
        }
        if (existing == null) {
            if (conflict) {
                // Refused by an object that is gone again: it was someone else's, since ours is never deleted.
                return PublishResult.ALREADY_EXISTS;
            }
            throw new PublishOutcomeUnknownException(target, "the PUT failed (" + failure.getMessage()
                    + ") and the target is absent for now, but a delayed request could still create it", failure);
        }
        return Arrays.equals(existing, content) ? PublishResult.PUBLISHED : PublishResult.ALREADY_EXISTS;
    }

    @Override
    public boolean isObjectStore() {
        return true;
    }

    @Override
    public boolean supportsAtomicPublish() {
        return conditionalPut;
    }

    /** Names the root only: options may hold credentials. */
    @Override
    public String toString() {
        return "S3FileIO(" + root + ")";
    }

    private byte[] readAll(String bucket, String key, Path path) throws IOException {
        try (InputStream in = client().getObject(b -> b.bucket(bucket).key(key))) {
            return in.readAllBytes();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw failure("read", path, e);
        }
    }

    /** The object's metadata, or null when there is no object with this key. */
    private HeadObjectResponse head(String bucket, String key, Path path) throws IOException {
        try {
            return client().headObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw failure("read the status of", path, e);
        } catch (SdkException e) {
            throw failure("read the status of", path, e);
        }
    }

    private boolean hasAnyUnder(String bucket, String prefix, Path path) throws IOException {
        try {
            return !client().listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(1)).contents().isEmpty();
        } catch (SdkException e) {
            throw failure("list", path, e);
        }
    }

    private List<String> keysUnder(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
        for (ListObjectsV2Response page : client().listObjectsV2Paginator(request)) {
            for (S3Object object : page.contents()) {
                keys.add(object.key());
            }
        }
        return keys;
    }

    private void deleteKeys(String bucket, List<String> keys, Path path) throws IOException {
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (String key : keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH))) {
                batch.add(ObjectIdentifier.builder().key(key).build());
            }
            DeleteObjectsResponse response = client().deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw new IOException("Could not delete " + response.errors().size() + " objects under " + path + ", e.g. "
                        + response.errors().get(0).key() + ": " + response.errors().get(0).message());
            }
        }
    }

    private void copy(String bucket, String srcKey, String dstBucket, String dstKey) {
        client().copyObject(b -> b.sourceBucket(bucket).sourceKey(srcKey).destinationBucket(dstBucket).destinationKey(dstKey));
    }

    private static FileStatus fileStatus(Path path, Long length, long modified) {
        return new FileStatus(path, length == null ? 0 : length, false, modified);
    }

    static String bucketOf(Path path) {
        String scheme = path.toUri().getScheme();
        String bucket = path.toUri().getAuthority();
        if (scheme == null || bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("An S3 path needs a bucket: s3://<bucket>/<key>, not " + path);
        }
        return bucket;
    }

    /** The key of a path: its path without the leading slash; empty for the bucket itself. */
    static String key(Path path) {
        String p = path.toUri().getPath();
        return p == null || p.isEmpty() ? "" : p.substring(1);
    }

    private static String fileKey(Path path) {
        String key = key(path);
        if (key.isEmpty()) {
            throw new IllegalArgumentException(path + " is a bucket, not a file");
        }
        return key;
    }

    /** An {@link IOException} naming what was done to which path, with the store's error code where there is one. */
    static IOException failure(String action, Path path, SdkException e) {
        if (e instanceof S3Exception s3 && s3.statusCode() == 404 && s3.awsErrorDetails() != null
                && "NoSuchBucket".equals(s3.awsErrorDetails().errorCode())) {
            return new FileNotFoundException("Cannot " + action + " " + path + ": the bucket " + bucketOf(path) + " does not exist");
        }
        String detail = e.getMessage();
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
            detail = "HTTP " + s3.statusCode() + " " + s3.awsErrorDetails().errorCode() + ": " + s3.awsErrorDetails().errorMessage();
        }
        return new IOException("Could not " + action + " " + path + " on S3: " + detail, e);
    }
}
