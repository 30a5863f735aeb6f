package io.tstore.flink.shell;

import io.tstore.shell.ErrorMessages;
import io.tstore.shell.ShellOptions;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.SqlParserException;
import org.apache.flink.table.api.internal.TableResultInternal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;

/**
 * Runs statements of a session and shows what they produce: result rows on {@code out}; progress,
 * notices and errors on {@code err}, so that {@code out} holds nothing but results.
 *
 * <p>A query stops at its end, after {@code --max-rows} rows, after {@code --timeout}, or when the
 * user interrupts it (Ctrl-C); then its job is cancelled. A job that writes shows its progress (the
 * snapshots it committed and the rows they hold) and waits for its end; Ctrl-C cancels it.
 */
final class StatementRunner implements AutoCloseable {

    /** Where Ctrl-C is routed while a statement runs. */
    interface Interrupts {
        /** Makes {@code action} the reaction to Ctrl-C; {@code null} restores the default. */
        void onInterrupt(Runnable action);
    }

    /** How often a running job's progress is shown: on a terminal the line is rewritten in place. */
    private static final Duration PROGRESS_INTERVAL_INTERACTIVE = Duration.ofSeconds(1);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    private final SqlSession session;
    private final ShellOptions options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Interrupts interrupts;
    private final boolean interactive;
    private final ScheduledExecutorService timer;

    StatementRunner(SqlSession session, ShellOptions options, PrintWriter out, PrintWriter err,
            Interrupts interrupts, boolean interactive) {
        this.session = requireNonNull(session, "session is null");
        this.options = requireNonNull(options, "options is null");
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.interrupts = requireNonNull(interrupts, "interrupts is null");
        this.interactive = interactive;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tstore-shell-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs one statement and prints its outcome; an error is printed as one line.
     *
     * @param line the line of the script the statement starts on, for error messages; 0 if none
     * @return whether the statement succeeded
     */
    boolean run(String sql, int line) {
        try {
            SqlSession.Outcome outcome = session.execute(sql);
            show(outcome);
            return true;
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            printError(t, line);
            return false;
        } finally {
            interrupts.onInterrupt(null);
            out.flush();
            err.flush();
        }
    }

    private void show(SqlSession.Outcome outcome) throws Exception {
        ResultPrinter printer = new ResultPrinter(options.format(), out);
        if (outcome instanceof SqlSession.Outcome.Done done) {
            if (interactive) {
                err.println("[INFO] " + done.message());
            }
        } else if (outcome instanceof SqlSession.Outcome.Content content) {
            printer.printContent(content.result(), content.raw());
        } else if (outcome instanceof SqlSession.Outcome.Query query) {
            runQuery(printer, query.result(), query.streaming());
        } else if (outcome instanceof SqlSession.Outcome.Job job) {
            runJob(job);
        }
    }

    private void runQuery(ResultPrinter printer, TableResultInternal result, boolean streaming)
            throws Exception {
        JobClient job = result.getJobClient().orElse(null);
        StopSignal stop = new StopSignal();
        interrupts.onInterrupt(() -> stop.stop("interrupted", job));
        ScheduledFuture<?> timeout = options.timeout()
                .map(t -> timer.schedule(() -> stop.stop("after " + t.toSeconds() + " s (--timeout)", job),
                        t.toMillis(), TimeUnit.MILLISECONDS))
                .orElse(null);
        ResultPrinter.Stop stopped;
        try (CloseableIterator<RowData> rows = result.collectInternal()) {
            stopped = printer.printQuery(result, rows, streaming,
                    options.maxRows().orElse(Long.MAX_VALUE), stop::isSet);
        } finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
        if (stopped == ResultPrinter.Stop.MAX_ROWS) {
            err.println("[INFO] Query stopped after " + options.maxRows().orElseThrow() + " rows (--max-rows).");
        } else if (stopped == ResultPrinter.Stop.STOPPED) {
            err.println("[INFO] Query stopped: " + stop.reason() + ".");
        }
    }

    private void runJob(SqlSession.Outcome.Job outcome) throws Exception {
        JobClient job = outcome.result().getJobClient().orElseThrow();
        JobProgress progress = outcome.progress();
        StopSignal cancelled = new StopSignal();
        interrupts.onInterrupt(() -> cancelled.stop("interrupted", job));
        long start = System.nanoTime();
        CompletableFuture<JobExecutionResult> done = job.getJobExecutionResult();
        JobExecutionResult result;
        err.println("[INFO] Job " + job.getJobID() + " submitted"
                + (outcome.streaming() ? " (streaming: Ctrl-C cancels it)." : "."));
        err.flush();
        boolean printedProgress = false;
        while (true) {
            try {
                result = done.get((interactive ? PROGRESS_INTERVAL_INTERACTIVE : PROGRESS_INTERVAL).toMillis(),
                        TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                if (progress.tracksAny() || interactive) {
                    err.print((interactive ? "\r" : "") + "[INFO] Running for " + elapsed(start) + ": "
                            + progress.running(job) + (interactive ? "" : "." + System.lineSeparator()));
                    err.flush();
                    printedProgress = true;
                }
            } catch (ExecutionException e) {
                if (interactive && printedProgress) {
                    err.println();
                }
                if (cancelled.isSet()) {
                    throw new IllegalStateException("Job " + job.getJobID() + " was cancelled.");
                }
                throw e;
            }
        }
        if (interactive && printedProgress) {
            err.println();
        }
        err.println("[INFO] Job " + job.getJobID() + " finished in " + elapsed(start) + ": "
                + progress.finished(result.getAllAccumulatorResults()) + ".");
    }

    private static String elapsed(long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private void printError(Throwable t, int line) {
        String where = line > 0 ? " (statement at line " + line + ")" : "";
        err.println("[ERROR] " + message(t) + where);
        if (options.verbose()) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
    }

    /**
     * One line that says what went wrong: the message of the root cause, which is where Flink puts
     * the reason (the wrapping exceptions only say which step failed), cut at its first line break.
     */
    static String message(Throwable t) {
        // A parse error's own message says that parsing failed and where; its causes only say what.
        Throwable reason = ExceptionUtils.findThrowable(t, SqlParserException.class)
                .map(Throwable.class::cast)
                .orElseGet(() -> ErrorMessages.reason(ExceptionUtils.stripExecutionException(t), e -> false));
        return ErrorMessages.firstLine(reason);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Why a statement was stopped, set from the timer or the Ctrl-C handler; null while running. */
    private static final class StopSignal {
        private volatile String reason;

        /** Records the first reason and cancels {@code job} (when there is one). */
        void stop(String why, JobClient job) {
            synchronized (this) {
                if (reason != null) {
                    return;
                }
                reason = why;
            }
            if (job != null) {
                job.cancel();
            }
        }

        boolean isSet() {
            return reason != null;
        }

        String reason() {
            return reason;
        }
    }
}
