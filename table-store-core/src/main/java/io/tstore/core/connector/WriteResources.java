package io.tstore.core.connector;

import io.tstore.core.options.CoreOptions;
import io.tstore.lsm.buffer.MemoryPool;
import io.tstore.lsm.buffer.WriteBufferOptions;
import io.tstore.options.MemorySize;
import io.tstore.options.Options;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * What the writers of one process share when an engine runs several of them side by side (a Spark executor's
 * tasks, a Trino worker's page sinks): one memory budget for their write buffers, and the compaction and flush
 * threads. Without it every writer takes a budget of its own ({@code write-buffer-size}, 256 mb by default) and
 * threads of its own, which multiplies with the writers. When the shared budget is spent, the buffer holding the
 * most memory is flushed (or spilled, with {@code write-buffer-spillable}) to make room, whichever writer owns it.
 *
 * <p>Create one per process ({@link #create}), pass it to every {@link WriteBuilder}, and close it after the last
 * writer closed: closing stops its threads. Closing a writer leaves it running. Thread-safe.
 */
public final class WriteResources implements AutoCloseable {
    private final MemoryPool memoryPool;
    private final ThreadPoolExecutor compactExecutor;
    private final ThreadPoolExecutor flushExecutor;

    private WriteResources(MemoryPool memoryPool, int compactionThreads, int flushThreads) {
        this.memoryPool = memoryPool;
        this.compactExecutor = daemonPool("tstore-shared-compaction-", compactionThreads);
        this.flushExecutor = daemonPool("tstore-shared-flush-", flushThreads);
    }

    /**
     * Resources sized by options: {@code write-buffer-size} is the budget of all writers together, {@code page-size}
     * its page, {@code write.compaction-threads} and {@code write.flush-threads} the threads (by default the number
     * of cores).
     */
    public static WriteResources create(Options options) {
        requireNonNull(options, "options is null");
        int cores = Runtime.getRuntime().availableProcessors();
        return of(options.get(WriteBufferOptions.WRITE_BUFFER_SIZE), options.get(WriteBufferOptions.PAGE_SIZE),
                options.getOptional(CoreOptions.WRITE_COMPACTION_THREADS).orElse(cores),
                options.getOptional(CoreOptions.WRITE_FLUSH_THREADS).orElse(cores));
    }

    /**
     * @param memoryBudget the write buffers' memory, for all writers together
     * @param pageSize the unit in which the budget is handed out
     * @param compactionThreads threads that run the writers' compactions
     * @param flushThreads threads that flush the writers' buckets at commits, besides each committing thread
     */
    public static WriteResources of(MemorySize memoryBudget, MemorySize pageSize, int compactionThreads, int flushThreads) {
        if (compactionThreads < 1 || flushThreads < 1) {
            throw new IllegalArgumentException("Shared write resources need at least one compaction and one flush thread, got "
                    + compactionThreads + " and " + flushThreads);
        }
        return new WriteResources(new MemoryPool(memoryBudget, pageSize), compactionThreads, flushThreads);
    }

    /** The memory budget of all write buffers, in bytes. */
    public long memoryBudgetBytes() {
        return memoryPool.budgetBytes();
    }

    /** The memory the write buffers hold now, in bytes; never more than {@link #memoryBudgetBytes}. */
    public long memoryUsedBytes() {
        return memoryPool.usedBytes();
    }

    MemoryPool memoryPool() {
        return memoryPool;
    }

    ExecutorService compactExecutor() {
        checkOpen();
        return compactExecutor;
    }

    ExecutorService flushExecutor() {
        checkOpen();
        return flushExecutor;
    }

    private void checkOpen() {
        if (compactExecutor.isShutdown()) {
            throw new IllegalStateException("These shared write resources are closed");
        }
    }

    /** Stops the threads; writers still open can no longer compact or flush. */
    @Override
    public void close() {
        compactExecutor.shutdownNow();
        flushExecutor.shutdown();
    }

    private static ThreadPoolExecutor daemonPool(String prefix, int threads) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
