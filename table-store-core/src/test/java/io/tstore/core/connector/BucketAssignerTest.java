package io.tstore.core.connector;

import io.tstore.core.commit.CommitMessage;
import io.tstore.core.data.InternalRow;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableWrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tstore.core.connector.ConnectorTables.row;
import static org.assertj.core.api.Assertions.assertThat;

/** An engine routes a row to the partition and bucket the table's writer puts it in, and to that bucket's one owner. */
class BucketAssignerTest {
    @TempDir
    java.nio.file.Path warehouse;

    @Test
    void routesRowsWhereTheTableWriterPutsThem() throws Exception {
        for (boolean primaryKey : new boolean[] {true, false}) {
            FileStoreTable table = ConnectorTables.create(warehouse, primaryKey ? "pk" : "append", primaryKey, Map.of("bucket", "3"));
            BucketAssigner assigner = BucketAssigner.of(table);
            assertThat(assigner.numBuckets()).isEqualTo(3);
            Set<Integer> buckets = new HashSet<>();
            for (int k = 0; k < 12; k++) {
                InternalRow row = row(k, "v" + k, "d" + (k % 2));
                try (TableWrite write = table.newWrite(false)) {
                    write.write(row);
                    List<CommitMessage> messages = write.prepareCommit(true);
                    assertThat(messages).hasSize(1);
                    assertThat(assigner.partition(row)).isEqualTo(messages.get(0).partition());
                    assertThat(assigner.bucket(row)).isEqualTo(messages.get(0).bucket());
                }
                buckets.add(assigner.bucket(row));
                assertThat(assigner.owner(row, 4)).isEqualTo(BucketOwner.of(assigner.partition(row), assigner.bucket(row), 4));
            }
            assertThat(buckets).as("rows spread over the buckets").hasSize(3);
            assertThat(assigner.assignsByBucketOnly()).isFalse();
        }
    }

    @Test
    void tablesWithALogAreAssignedByBucketAlone() throws Exception {
        FileStoreTable table = ConnectorTables.create(warehouse, "t", true, Map.of("bucket", "4"));
        BucketAssigner assigner = BucketAssigner.of(table.copy(Map.of("log.system", "kafka")));
        assertThat(assigner.assignsByBucketOnly()).isTrue();
        for (int k = 0; k < 20; k++) {
            InternalRow row = row(k, "v", "d" + (k % 5));
            int bucket = assigner.bucket(row);
            assertThat(assigner.owner(row, 3)).isEqualTo(BucketOwner.ofBucket(bucket, 3));
            assertThat(assigner.owner(assigner.partition(row), bucket, 3)).isEqualTo(bucket % 3);
        }
    }
}
