package io.tstore.lsm.compact;

import io.tstore.lsm.file.LevelSortedRun;
import io.tstore.lsm.file.Levels;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunFiles;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * Runs the compactions of one LSM tree, one at a time, on an executor beside the writer. The writer thread
 * triggers compactions and collects their results, which are applied to the levels only then, so the levels are
 * only ever touched by the writer thread.
 */
public final class CompactManager<K, V> {
    private final ExecutorService executor;
    private final Levels<K> levels;
    private final CompactStrategy strategy;
    private final CompactRewriter<K, V> rewriter;
    private final RunFiles<K, V> files;
    private final int numSortedRunStopTrigger;
    private final long minFileSizeToMove;
    private Running running;

    public CompactManager(
            ExecutorService executor,
            Levels<K> levels,
            CompactStrategy strategy,
            CompactRewriter<K, V> rewriter,
            RunFiles<K, V> files,
            int numSortedRunStopTrigger,
            long minFileSizeToMove) {
        this.executor = requireNonNull(executor, "executor is null");
        this.levels = requireNonNull(levels, "levels is null");
        this.strategy = requireNonNull(strategy, "strategy is null");
        this.rewriter = requireNonNull(rewriter, "rewriter is null");
        this.files = requireNonNull(files, "files is null");
        this.numSortedRunStopTrigger = numSortedRunStopTrigger;
        this.minFileSizeToMove = minFileSizeToMove;
    }

    public Levels<K> levels() {
        return levels;
    }

    public void addNewFile(LsmFile<K> file) {
        levels.addLevel0File(file);
    }

    /** Whether writes must wait for the running compaction: the tree has more sorted runs than the stop trigger. */
    public boolean shouldWaitForLatestCompaction() {
        return levels.numberOfSortedRuns() > numSortedRunStopTrigger;
    }

    public boolean isCompacting() {
        return running != null;
    }

    /** Starts a compaction if none is running and the strategy (or a full compaction) picks one. */
    public void triggerCompaction(boolean fullCompaction) {
        if (running != null) {
            return;
        }
        List<LevelSortedRun<K>> runs = levels.levelSortedRuns();
        Optional<CompactUnit<K>> unit = fullCompaction
                ? UniversalCompaction.pickFull(levels.numberOfLevels(), runs)
                : strategy.pick(levels.numberOfLevels(), runs);
        if (unit.isEmpty() || unit.get().files().isEmpty()) {
            return;
        }
        int outputLevel = unit.get().outputLevel();
        // Retractions can go only when nothing older lies below the output.
        boolean dropDelete = outputLevel != 0 && outputLevel >= levels.nonEmptyHighestLevel();
        running = new Running(new CompactTask<>(levels.keyComparator(), rewriter, files, unit.get(), dropDelete, minFileSizeToMove));
    }

    /**
     * The result of the running compaction, applied to the levels; empty when none has finished (or, with
     * {@code blocking}, none is running).
     */
    public Optional<CompactResult<K>> getCompactionResult(boolean blocking) throws IOException {
        if (running == null || (!blocking && !running.future.isDone())) {
            return Optional.empty();
        }
        Future<CompactResult<K>> future = running.future;
        running = null;
        CompactResult<K> result;
        try {
            result = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new InterruptedIOException("interrupted while waiting for compaction");
        } catch (ExecutionException e) {
            throw new IOException("Compaction failed", e.getCause());
        }
        levels.update(result.before(), result.after());
        return Optional.of(result);
    }

    /**
     * Stops the running compaction and waits until it has stopped. Files it wrote are deleted, whether it
     * finished or not: no commit refers to them.
     */
    public void cancelCompaction() {
        if (running == null) {
            return;
        }
        Running cancelled = running;
        running = null;
        cancelled.future.cancel(true);
        if (cancelled.started.compareAndSet(false, true)) {
            return; // it never started and never will
        }
        try {
            cancelled.finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // A task that failed or was interrupted deleted its own files; one that finished left them to us.
        CompactResult<K> result = cancelled.result.get();
        if (result != null) {
            result.deleteWrittenFiles(files);
        }
    }

    /** A submitted compaction, which keeps its result where cancellation can find it. */
    private final class Running {
        final AtomicBoolean started = new AtomicBoolean();
        final CountDownLatch finished = new CountDownLatch(1);
        final AtomicReference<CompactResult<K>> result = new AtomicReference<>();
        final Future<CompactResult<K>> future;

        Running(CompactTask<K, V> task) {
            this.future = executor.submit(() -> {
                if (!started.compareAndSet(false, true)) {
                    return new CompactResult<K>();
                }
                try {
                    CompactResult<K> compacted = task.call();
                    result.set(compacted);
                    return compacted;
                } finally {
                    finished.countDown();
                }
            });
        }
    }
}
