package io.tstore.core.format;

import org.apache.hadoop.hive.ql.io.sarg.SearchArgument;
import org.apache.parquet.filter2.compat.FilterCompat;

import java.util.Optional;

/**
 * How a {@link FormatReaderFactory} reads a file, beyond which columns: the rows per internal batch and the
 * filters that each format can push down into its reader.
 *
 * <p>Filters only let a reader skip data; they never make it exact. ORC skips row groups (and stripes) whose
 * statistics rule the filter out; Parquet skips row groups, pages and records. Callers filter the rows they get
 * again. A filter names columns as the <em>file</em> names them (the file's row type, before renames), because
 * the format resolves it against the file's own schema. A format ignores the filter of the other format.
 */
public final class ReadOptions {
    public static final int DEFAULT_BATCH_SIZE = 1024;

    private static final ReadOptions DEFAULTS = builder().build();

    private final int batchSize;
    private final SearchArgument orcSearchArgument;
    private final FilterCompat.Filter parquetFilter;

    private ReadOptions(Builder builder) {
        this.batchSize = builder.batchSize;
        this.orcSearchArgument = builder.orcSearchArgument;
        this.parquetFilter = builder.parquetFilter;
    }

    /** No filter, batches of {@link #DEFAULT_BATCH_SIZE} rows. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The number of rows a reader decodes at a time (where the format reads in batches). */
    public int batchSize() {
        return batchSize;
    }

    /** The filter for ORC files, whose leaves name file columns. */
    public Optional<SearchArgument> orcSearchArgument() {
        return Optional.ofNullable(orcSearchArgument);
    }

    /** The filter for Parquet files, whose column paths are file column names. */
    public Optional<FilterCompat.Filter> parquetFilter() {
        return Optional.ofNullable(parquetFilter);
    }

    public Builder toBuilder() {
        return new Builder().batchSize(batchSize).orcSearchArgument(orcSearchArgument).parquetFilter(parquetFilter);
    }

    @Override
    public String toString() {
        return "ReadOptions{batchSize=" + batchSize + ", orcSearchArgument=" + orcSearchArgument
                + ", parquetFilter=" + parquetFilter + "}";
    }

    /** Builds {@link ReadOptions}; everything is optional. */
    public static final class Builder {
        private int batchSize = DEFAULT_BATCH_SIZE;
        private SearchArgument orcSearchArgument;
        private FilterCompat.Filter parquetFilter;

        private Builder() {}

        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive, but was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** The ORC filter, or null for none. */
        public Builder orcSearchArgument(SearchArgument searchArgument) {
            this.orcSearchArgument = searchArgument;
            return this;
        }

        /** The Parquet filter, or null for none ({@link FilterCompat#NOOP} is taken as none too). */
        public Builder parquetFilter(FilterCompat.Filter filter) {
            this.parquetFilter = filter == FilterCompat.NOOP ? null : filter;
            return this;
        }

        public ReadOptions build() {
            return new ReadOptions(this);
        }
    }
}
