package io.tstore.core.format;

import io.tstore.core.options.CoreOptions;

import java.util.Locale;

/**
 * The compression codecs of data files, as the option {@code file.compression} names them. Each format maps them
 * to its own codec: {@code lz4} is ORC's LZ4 and Parquet's LZ4_RAW (the block format without Hadoop's framing),
 * {@code zlib} and {@code gzip} are ORC's ZLIB and Parquet's GZIP.
 */
public enum FileCompression {
    ZSTD,
    LZ4,
    SNAPPY,
    ZLIB,
    NONE;

    /** Parses an option value, ignoring case; {@code gzip} means {@link #ZLIB}, {@code uncompressed} {@link #NONE}. */
    public static FileCompression parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("Option '" + CoreOptions.FILE_COMPRESSION.key() + "' must not be null");
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "zstd":
                return ZSTD;
            case "lz4":
                return LZ4;
            case "snappy":
                return SNAPPY;
            case "zlib":
            case "gzip":
                return ZLIB;
            case "none":
            case "uncompressed":
                return NONE;
            default:
                throw new IllegalArgumentException(String.format(
                        "Unknown compression '%s' for option '%s': use one of zstd, lz4, snappy, zlib (or gzip), none",
                        value, CoreOptions.FILE_COMPRESSION.key()));
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
