package io.tstore.flink.data;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.Timestamp;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/** Conversions of the Flink internal values that differ in class from the table format's. */
final class FlinkValues {
    private FlinkValues() {}

    static BinaryString string(StringData value) {
        return BinaryString.fromBytes(value.toBytes());
    }

    static Decimal decimal(DecimalData value, int precision, int scale) {
        return Decimal.isCompact(precision)
                ? Decimal.fromUnscaledLong(value.toUnscaledLong(), precision, scale)
                : Decimal.fromUnscaledBytes(value.toUnscaledBytes(), precision, scale);
    }

    static Timestamp timestamp(TimestampData value) {
        return Timestamp.fromEpochMillis(value.getMillisecond(), value.getNanoOfMillisecond());
    }
}
