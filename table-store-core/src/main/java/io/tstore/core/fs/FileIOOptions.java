package io.tstore.core.fs;

import io.tstore.options.ConfigOption;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Options that tell {@link HadoopFileIO} what it cannot ask a Hadoop file system: which schemes are object stores
 * and which have a rename that refuses, atomically, to replace an existing file. Other Hadoop settings are passed
 * with the {@code fs.} and {@code hadoop.} prefixes (see {@link HadoopFileIO}).
 */
public final class FileIOOptions {
    private FileIOOptions() {}

    public static final ConfigOption<String> ATOMIC_RENAME_SCHEMES = ConfigOption.key("file-io.atomic-rename-schemes")
            .stringType()
            .defaultValue("hdfs,webhdfs,swebhdfs")
            .description("Comma-separated URI schemes of Hadoop file systems whose rename fails, as one atomic step, when the target exists "
                    + "(HDFS does). Snapshots are published on them by writing a temp file and renaming it; a commit on any other "
                    + "file system that is not an object store renames after checking for the target, which is not atomic.");

    public static final ConfigOption<String> OBJECT_STORE_SCHEMES = ConfigOption.key("file-io.object-store-schemes")
            .stringType()
            .defaultValue("s3,s3a,s3n,gs,abfs,abfss,wasb,wasbs,oss,cosn,obs")
            .description("Comma-separated URI schemes of object stores. Snapshots are published on them with a create that must not "
                    + "overwrite; it is atomic where the file system declares conditional create (S3A with "
                    + "fs.s3a.create.conditional.enabled, Hadoop 3.4.2 and later), otherwise the commits need a lock.");

    /** The lower-case schemes of a comma-separated list. */
    static Set<String> schemes(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
