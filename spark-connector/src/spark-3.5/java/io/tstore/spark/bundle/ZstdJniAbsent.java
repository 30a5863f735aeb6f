package io.tstore.spark.bundle;

/**
 * What ORC sees as zstd-jni's {@code com.github.luben.zstd.util.Native} inside the Spark 3.5 bundle (the shade
 * plugin relocates ORC's references here). Spark 3.5 ships zstd-jni 1.5.5, older than ORC 2.3 needs (its
 * {@code ZstdCodec} calls {@code ZstdCompressCtx.setStrategy}, which fails with NoSuchMethodError), and a bundled
 * copy would lose to Spark's, which its class loader finds first. Reporting the native library as absent makes ORC
 * take its pure-Java zstd codec (aircompressor, bundled): the same zstd format on disk. Parquet keeps Spark's
 * zstd-jni. Not used outside the bundle; the Spark 4 line ships a zstd-jni new enough.
 */
public final class ZstdJniAbsent {
    private ZstdJniAbsent() {
    }

    /** ORC's writer calls this once and falls back to its Java codec on UnsatisfiedLinkError. */
    public static void load() {
        throw new UnsatisfiedLinkError("tstore's Spark 3.5 bundle uses ORC's Java zstd codec, not zstd-jni");
    }

    /** ORC picks zstd-jni only when this is true. */
    public static boolean isLoaded() {
        return false;
    }
}
