package io.tstore.core.connector;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.BinaryRowWriter;
import io.tstore.core.data.BinaryString;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One owner per bucket, depending only on partition and bucket, spread over the tasks without skew. */
class BucketOwnerTest {

    @Test
    void bucketsOfOnePartitionGoToConsecutiveTasks() {
        BinaryRow partition = partition("2026-12-07");
        int first = BucketOwner.of(partition, 0, 4);
        Set<Integer> tasks = new HashSet<>();
        for (int bucket = 0; bucket < 4; bucket++) {
            int task = BucketOwner.of(partition, bucket, 4);
            assertThat(task).isEqualTo((first + bucket) % 4);
            tasks.add(task);
        }
        assertThat(tasks).as("four buckets of one partition on four tasks").hasSize(4);
    }

    @Test
    void ownerDependsOnlyOnPartitionValueAndBucket() {
        for (int bucket = 0; bucket < 16; bucket++) {
            assertThat(BucketOwner.of(partition("a"), bucket, 3)).isBetween(0, 2)
                    .isEqualTo(BucketOwner.of(partition("a").copy(), bucket, 3));
        }
    }

    @Test
    void tablesWithALogAssignByBucketAlone() {
        for (int bucket = 0; bucket < 8; bucket++) {
            int task = BucketOwner.ofBucket(bucket, 3);
            assertThat(task).isEqualTo(bucket % 3);
            assertThat(BucketOwner.ownsBucket(bucket, task, 3)).isTrue();
            assertThat(BucketOwner.ownsBucket(bucket, (task + 1) % 3, 3)).isFalse();
        }
    }

    @Test
    void noTasksIsAnError() {
        assertThatThrownBy(() -> BucketOwner.of(partition("a"), 0, 0)).hasMessageContaining("at least 1, got 0");
        assertThatThrownBy(() -> BucketOwner.ofBucket(0, -1)).hasMessageContaining("got -1");
    }

    private static BinaryRow partition(String value) {
        BinaryRowWriter writer = new BinaryRowWriter(1);
        writer.writeString(0, BinaryString.fromString(value));
        return writer.complete();
    }
}
