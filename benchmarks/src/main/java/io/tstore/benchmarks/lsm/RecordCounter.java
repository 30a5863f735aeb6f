package io.tstore.benchmarks.lsm;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Counts records a benchmark processed, which JMH reports as a secondary score in records per second. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class RecordCounter {
    public long records;

    @Setup(Level.Iteration)
    public void reset() {
        records = 0;
    }
}
