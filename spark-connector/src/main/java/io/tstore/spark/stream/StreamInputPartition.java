package io.tstore.spark.stream;

import io.tstore.core.table.Split;
import io.tstore.core.table.SplitSerializer;

import org.apache.spark.sql.connector.read.InputPartition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The splits of one (partition, bucket) in one micro-batch, in the order planned, as bytes in the format's own
 * versioned form: one task reads them in order, so the changes of a key keep their order.
 */
final class StreamInputPartition implements InputPartition {
    private static final long serialVersionUID = 1L;

    private final List<byte[]> splits;

    StreamInputPartition(List<Split> splits) {
        List<byte[]> bytes = new ArrayList<>(splits.size());
        for (Split split : splits) {
            bytes.add(SplitSerializer.serialize(split));
        }
        this.splits = bytes;
    }

    List<Split> splits() throws IOException {
        List<Split> result = new ArrayList<>(splits.size());
        for (byte[] split : splits) {
            result.add(SplitSerializer.deserialize(split));
        }
        return result;
    }
}
