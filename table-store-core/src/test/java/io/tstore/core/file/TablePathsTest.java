package io.tstore.core.file;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalRows;
import io.tstore.core.fs.Path;
import io.tstore.core.options.FileFormatType;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class TablePathsTest {
    private static final RowType PARTITION = RowType.builder()
            .field("dt", DataTypes.DATE())
            .field("region", DataTypes.STRING())
            .build();

    @Test
    void partitionValuesBecomeEscapedDirectories() {
        TablePaths paths = new TablePaths(new Path("/warehouse/db.db/t"), PARTITION);
        BinaryRow partition = InternalRows.toBinaryRow(
                GenericRow.of((int) LocalDate.of(2024, 1, 31).toEpochDay(), BinaryString.fromString("eu/west 1")), PARTITION);
        assertThat(paths.bucketPath(partition, 3).toString()).isEqualTo("/warehouse/db.db/t/dt=2024-01-31/region=eu%2Fwest%201/bucket-3");
        BinaryRow nulls = InternalRows.toBinaryRow(GenericRow.of(null, BinaryString.fromString("..")), PARTITION);
        assertThat(paths.bucketPath(nulls, 0).toString())
                .isEqualTo("/warehouse/db.db/t/dt=__DEFAULT_PARTITION__/region=%2E%2E/bucket-0");
        assertThat(new PartitionNames(PARTITION).describe(partition)).isEqualTo("dt=2024-01-31/region=eu/west 1");
    }

    @Test
    void fileNamesAreUniqueAndNameTheirFormat() {
        TablePaths paths = new TablePaths(new Path("/t"), RowType.builder().build());
        assertThat(paths.bucketPath(BinaryRow.EMPTY_ROW, 0).toString()).isEqualTo("/t/bucket-0");
        String a = paths.newDataFileName(FileFormatType.ORC);
        String b = paths.newDataFileName(FileFormatType.PARQUET);
        assertThat(a).startsWith("data-").endsWith(".orc").isNotEqualTo(b);
        assertThat(b).endsWith(".parquet");
    }

    @Test
    void bucketsAreStableAndInRange() {
        RowType key = RowType.builder().field("id", DataTypes.BIGINT()).build();
        for (long id = 0; id < 1000; id++) {
            int bucket = BucketFunction.bucket(InternalRows.toBinaryRow(GenericRow.of(id), key), 7);
            assertThat(bucket).isBetween(0, 6);
        }
        // Pinned: the bucket of a key is part of the table format and must never change.
        long[] ids = {0, 1, 42, 1_000_000};
        int[] of4 = {1, 3, 3, 3};
        int[] of7 = {3, 1, 2, 0};
        for (int i = 0; i < ids.length; i++) {
            BinaryRow k = InternalRows.toBinaryRow(GenericRow.of(ids[i]), key);
            assertThat(BucketFunction.bucket(k, 4)).as("bucket of %d among 4", ids[i]).isEqualTo(of4[i]);
            assertThat(BucketFunction.bucket(k, 7)).as("bucket of %d among 7", ids[i]).isEqualTo(of7[i]);
        }
    }
}
