package io.tstore.core.fs;

import io.tstore.core.fs.FailingFileIO.InjectedFailureException;
import io.tstore.core.fs.FailingFileIO.Kind;
import io.tstore.core.fs.FailingFileIO.PublishFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailingFileIOTest {
    @TempDir
    java.nio.file.Path tempDir;

    @Test
    void aSeedGivesTheSameFailuresForTheSameCalls() throws IOException {
        List<String> first = runWorkload(new FailingFileIO(new LocalFileIO()).failRandomly(42, 0.2), directory("first"));
        List<String> second = runWorkload(new FailingFileIO(new LocalFileIO()).failRandomly(42, 0.2), directory("second"));
        List<String> otherSeed = runWorkload(new FailingFileIO(new LocalFileIO()).failRandomly(43, 0.2), directory("third"));

        assertThat(first).isEqualTo(second);
        assertThat(first).contains("failed").contains("ok");
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void failsOnlyTheChosenKinds() throws IOException {
        FailingFileIO io = new FailingFileIO(new LocalFileIO()).failRandomly(1, 1.0, Kind.DELETE);
        Path file = new Path(directory("kinds"), "f");
        io.writeUtf8(file, "x", false);
        assertThat(io.readUtf8(file)).isEqualTo("x");
        assertThat(io.publish(new Path(directory("kinds"), "p"), bytes("p"))).isEqualTo(PublishResult.PUBLISHED);
        assertThatThrownBy(() -> io.delete(file, false))
                .isInstanceOf(InjectedFailureException.class)
                .hasMessageContaining("Injected failure #1: delete " + file);
        assertThat(io.exists(file)).as("the failed delete did not delete").isTrue();
    }

    @Test
    void failsTheNthCallOfAKind() throws IOException {
        Path directory = directory("nth");
        FailingFileIO io = new FailingFileIO(new LocalFileIO()).failNthCall(Kind.PUBLISH, 2);
        assertThat(io.publish(new Path(directory, "snapshot-1"), bytes("1"))).isEqualTo(PublishResult.PUBLISHED);
        assertThatThrownBy(() -> io.publish(new Path(directory, "snapshot-2"), bytes("2")))
                .isInstanceOf(InjectedFailureException.class)
                .isNotInstanceOf(PublishOutcomeUnknownException.class)
                .hasMessageContaining("call 2 of kind PUBLISH");
        assertThat(io.exists(new Path(directory, "snapshot-2"))).isFalse();
        assertThat(io.publish(new Path(directory, "snapshot-2"), bytes("2"))).isEqualTo(PublishResult.PUBLISHED);
        assertThat(io.calls(Kind.PUBLISH)).isEqualTo(3);
        assertThat(io.injectedFailures()).isEqualTo(1);

        // Counting starts now: the next rename fails, the one after does not.
        io.failNthCall(Kind.RENAME, 1);
        assertThatThrownBy(() -> io.rename(new Path(directory, "snapshot-1"), new Path(directory, "moved")))
                .isInstanceOf(InjectedFailureException.class);
        assertThat(io.rename(new Path(directory, "snapshot-1"), new Path(directory, "moved"))).isTrue();
    }

    @Test
    void publishCanFailAfterPublishing() throws IOException {
        Path directory = directory("ambiguous");
        FailingFileIO io = new FailingFileIO(new LocalFileIO())
                .failNthPublish(1, PublishFailure.UNKNOWN_PUBLISHED)
                .failNthPublish(2, PublishFailure.UNKNOWN_NOT_PUBLISHED);

        Path published = new Path(directory, "snapshot-1");
        assertThatThrownBy(() -> io.publish(published, bytes("published")))
                .isInstanceOfSatisfying(PublishOutcomeUnknownException.class, e -> {
                    assertThat(e.target()).isEqualTo(published);
                    assertThat(FailingFileIO.isInjected(e)).isTrue();
                })
                .hasMessageContaining("the real publish returned PUBLISHED");
        assertThat(io.readUtf8(published)).isEqualTo("published");

        Path notPublished = new Path(directory, "snapshot-2");
        assertThatThrownBy(() -> io.publish(notPublished, bytes("lost")))
                .isInstanceOf(PublishOutcomeUnknownException.class)
                .hasMessageContaining("not published");
        assertThat(io.exists(notPublished)).isFalse();
    }

    @Test
    void randomPublishFailuresEndInTheChosenWays() throws IOException {
        Path directory = directory("modes");
        FailingFileIO io = new FailingFileIO(new LocalFileIO())
                .failRandomly(5, 1.0, Kind.PUBLISH)
                .publishFailures(PublishFailure.UNKNOWN_PUBLISHED);
        for (int i = 0; i < 5; i++) {
            Path target = new Path(directory, "snapshot-" + i);
            assertThatThrownBy(() -> io.publish(target, bytes("s"))).isInstanceOf(PublishOutcomeUnknownException.class);
            assertThat(io.exists(target)).isTrue();
        }
    }

    @Test
    void failsWritesClosesAndReads() throws IOException {
        Path directory = directory("streams");
        FailingFileIO io = new FailingFileIO(new LocalFileIO());

        Path failedClose = new Path(directory, "failed-close");
        io.failNthCall(Kind.WRITE, 3); // create, write, close
        assertThatThrownBy(() -> io.writeUtf8(failedClose, "content", false))
                .isInstanceOf(InjectedFailureException.class)
                .hasMessageContaining("close " + failedClose);
        assertThat(io.readUtf8(failedClose)).as("a failed close may leave the file behind").isEqualTo("content");

        Path failedWrite = new Path(directory, "failed-write");
        io.failNthCall(Kind.WRITE, 2);
        assertThatThrownBy(() -> io.writeUtf8(failedWrite, "content", false)).hasMessageContaining("write " + failedWrite);
        assertThat(io.getFileStatus(failedWrite).length()).isZero();

        io.failNthCall(Kind.READ, 2); // open, read
        assertThatThrownBy(() -> io.readUtf8(failedClose)).hasMessageContaining("read " + failedClose);
        assertThat(io.readUtf8(failedClose)).isEqualTo("content");
    }

    @Test
    void disarmedItPassesEverythingThrough() throws IOException {
        Path file = new Path(directory("disarmed"), "f");
        FailingFileIO io = new FailingFileIO(new LocalFileIO()).failRandomly(3, 1.0);
        assertThatThrownBy(() -> io.exists(file)).isInstanceOf(InjectedFailureException.class);

        io.disarm();
        io.writeUtf8(file, "x", false);
        assertThat(io.readUtf8(file)).isEqualTo("x");
        assertThat(io.publish(new Path(directory("disarmed"), "p"), bytes("p"))).isEqualTo(PublishResult.PUBLISHED);
        assertThat(io.delete(file, false)).isTrue();

        io.arm();
        assertThatThrownBy(() -> io.exists(file)).isInstanceOf(InjectedFailureException.class);
        assertThat(io.injectedFailureLog()).hasSize(2).allMatch(line -> line.startsWith("Injected failure #"));
    }

    @Test
    void countsEveryCallAndFailureAcrossThreads() throws Exception {
        FailingFileIO io = new FailingFileIO(new LocalFileIO()).failRandomly(11, 0.3);
        Path directory = directory("threads");
        int threads = 8;
        int callsPerThread = 200;
        AtomicInteger caught = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < callsPerThread; i++) {
                        try {
                            io.exists(new Path(directory, thread + "-" + i));
                        } catch (IOException e) {
                            assertThat(FailingFileIO.isInjected(e)).isTrue();
                            caught.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(io.calls(Kind.READ)).isEqualTo(threads * callsPerThread);
        assertThat(io.injectedFailures()).isEqualTo(caught.get()).isBetween(300, 660);
    }

    /** A fixed sequence of calls; returns, per call, whether it failed (and how a publish failed). */
    private static List<String> runWorkload(FailingFileIO io, Path directory) {
        List<String> outcomes = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            int i = n;
            Path file = new Path(directory, "file-" + i);
            outcomes.add(attempt(() -> io.writeUtf8(file, "content " + i, false)));
            outcomes.add(attempt(() -> io.readUtf8(file)));
            outcomes.add(attempt(() -> io.publish(new Path(directory, "snapshot-" + i), bytes("s" + i))));
            outcomes.add(attempt(() -> io.rename(file, new Path(directory, "renamed-" + i))));
            outcomes.add(attempt(() -> io.delete(new Path(directory, "renamed-" + i), false)));
        }
        return outcomes;
    }

    private interface Call {
        void run() throws IOException;
    }

    private static String attempt(Call call) {
        try {
            call.run();
            return "ok";
        } catch (PublishOutcomeUnknownException e) {
            return "unknown";
        } catch (IOException e) {
            return FailingFileIO.isInjected(e) ? "failed" : "error " + e.getClass().getSimpleName();
        }
    }

    private Path directory(String name) {
        return new Path(new Path(tempDir.toString()), name);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
