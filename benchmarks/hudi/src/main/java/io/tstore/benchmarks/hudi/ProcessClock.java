package io.tstore.benchmarks.hudi;

import java.lang.management.ManagementFactory;

/** Wall time and the CPU time of the whole process (every thread, GC and JIT included), in nanoseconds. */
final class ProcessClock {
    private final com.sun.management.OperatingSystemMXBean os;

    ProcessClock() {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean bean)
                || bean.getProcessCpuTime() < 0) {
            throw new IllegalStateException("This JVM does not report the process CPU time (com.sun.management)");
        }
        this.os = bean;
    }

    long wallNanos() {
        return System.nanoTime();
    }

    long cpuNanos() {
        return os.getProcessCpuTime();
    }
}
