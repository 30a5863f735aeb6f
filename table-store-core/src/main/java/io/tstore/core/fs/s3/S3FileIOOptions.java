package io.tstore.core.fs.s3;

import io.tstore.options.ConfigOption;
import io.tstore.options.MemorySize;

/**
 * Catalog options of {@link S3FileIO}, the file IO of {@code s3://} and {@code s3a://} paths. Like the other
 * {@code file-io.} options they are set on the catalog (or passed to {@code FileIO.get}), not on a table.
 */
public final class S3FileIOOptions {
    private S3FileIOOptions() {}

    public static final ConfigOption<String> ENDPOINT = ConfigOption.key("file-io.s3.endpoint")
            .stringType()
            .noDefaultValue()
            .description("The URL of the S3 service, e.g. http://127.0.0.1:9000 for an S3-compatible server. Default: AWS S3 "
                    + "of the region.");

    public static final ConfigOption<String> REGION = ConfigOption.key("file-io.s3.region")
            .stringType()
            .noDefaultValue()
            .description("The region of the buckets, e.g. eu-west-1. Default: the AWS SDK's region chain (AWS_REGION, "
                    + "the profile), else us-east-1.");

    public static final ConfigOption<Boolean> PATH_STYLE_ACCESS = ConfigOption.key("file-io.s3.path-style-access")
            .booleanType()
            .defaultValue(false)
            .description("Whether requests name the bucket in the path (http://host/bucket/key) instead of the host name "
                    + "(http://bucket.host/key); most S3-compatible servers need true.");

    public static final ConfigOption<String> ACCESS_KEY_ID = ConfigOption.key("file-io.s3.access-key-id")
            .stringType()
            .noDefaultValue()
            .description("A static access key id, with file-io.s3.secret-access-key. Default: the AWS SDK's default "
                    + "credentials chain (environment, system properties, profile, container or instance role).");

    public static final ConfigOption<String> SECRET_ACCESS_KEY = ConfigOption.key("file-io.s3.secret-access-key")
            .stringType()
            .noDefaultValue()
            .description("The secret of file-io.s3.access-key-id.");

    public static final ConfigOption<String> SESSION_TOKEN = ConfigOption.key("file-io.s3.session-token")
            .stringType()
            .noDefaultValue()
            .description("A session token for temporary static credentials, with file-io.s3.access-key-id.");

    public static final ConfigOption<Integer> MAX_ATTEMPTS = ConfigOption.key("file-io.s3.max-attempts")
            .intType()
            .defaultValue(8)
            .description("How many times one request is tried, with the AWS SDK's exponential back-off and jitter, when it "
                    + "fails with a throttling answer (503 Slow Down), a 5xx or a broken connection.");

    public static final ConfigOption<MemorySize> MULTIPART_PART_SIZE = ConfigOption.key("file-io.s3.multipart.part-size")
            .memoryType()
            .defaultValue(MemorySize.parse("16 mb"))
            .description("The size of the parts of a multipart upload (at least 5 mb). A file smaller than one part is "
                    + "uploaded with one PUT; a larger one streams part by part, each writer holding one part in memory.");

    public static final ConfigOption<Boolean> CONDITIONAL_PUT = ConfigOption.key("file-io.s3.conditional-put")
            .booleanType()
            .defaultValue(true)
            .description("Whether the store honours If-None-Match: * on PUT atomically (AWS S3 does since 2024, as do "
                    + "S3Proxy 4 and recent MinIO). Snapshots are published with it, so that concurrent commits need no lock; "
                    + "set false for a store that ignores it, and then only one writer may commit at a time (see "
                    + "commit.allow-non-atomic-publish).");
}
