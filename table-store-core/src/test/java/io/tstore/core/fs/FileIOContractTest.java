package io.tstore.core.fs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link FileIO} must do, run against each implementation over a local directory. */
abstract class FileIOContractTest {
    @TempDir
    java.nio.file.Path tempDir;

    FileIO io;
    Path root;

    /** The {@code FileIO} under test. */
    abstract FileIO createFileIO();

    /** How the test addresses {@code directory} through the {@code FileIO} under test. */
    abstract Path toPath(java.nio.file.Path directory);

    @BeforeEach
    void setUp() {
        io = createFileIO();
        root = toPath(tempDir);
    }

    @Test
    void writesAndReadsBackAStream() throws IOException {
        byte[] data = randomBytes(200_000, 1);
        Path file = new Path(new Path(root, "nested"), "data.bin");
        try (PositionOutputStream out = io.newOutputStream(file, false)) {
            out.write(data[0]);
            assertThat(out.getPos()).isEqualTo(1);
            out.write(data, 1, 99);
            assertThat(out.getPos()).isEqualTo(100);
            out.write(data, 100, data.length - 100);
            assertThat(out.getPos()).isEqualTo(data.length);
        }
        assertThat(io.exists(file)).isTrue();
        FileStatus status = io.getFileStatus(file);
        assertThat(status.path()).isEqualTo(file);
        assertThat(status.length()).isEqualTo(data.length);
        assertThat(status.isDir()).isFalse();
        assertThat(status.modificationTime()).isPositive();
        try (SeekableInputStream in = io.newInputStream(file)) {
            assertThat(in.read()).isEqualTo(data[0] & 0xFF);
            assertThat(in.getPos()).isEqualTo(1);
            byte[] rest = in.readAllBytes();
            assertThat(rest).isEqualTo(Arrays.copyOfRange(data, 1, data.length));
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void seeksAndReadsAtPositions() throws IOException {
        byte[] data = randomBytes(100_000, 2);
        Path file = new Path(root, "seek.bin");
        write(file, data);
        try (SeekableInputStream in = io.newInputStream(file)) {
            Random random = new Random(3);
            for (int i = 0; i < 200; i++) {
                int position = random.nextInt(data.length);
                int length = Math.min(random.nextInt(20_000), data.length - position);
                in.seek(position);
                assertThat(in.getPos()).isEqualTo(position);
                byte[] read = new byte[length];
                in.readFully(read, 0, length);
                assertThat(read).isEqualTo(Arrays.copyOfRange(data, position, position + length));
                assertThat(in.getPos()).isEqualTo(position + length);
            }

            in.seek(10);
            byte[] positional = new byte[1000];
            in.readFully(50_000, positional, 0, positional.length);
            assertThat(positional).isEqualTo(Arrays.copyOfRange(data, 50_000, 51_000));
            assertThat(in.getPos()).as("a positional read leaves the position alone").isEqualTo(10);
            assertThat(in.read()).isEqualTo(data[10] & 0xFF);

            in.readFully(data.length - 5, positional, 0, 5);
            assertThat(Arrays.copyOf(positional, 5)).isEqualTo(Arrays.copyOfRange(data, data.length - 5, data.length));
            assertThatThrownBy(() -> in.readFully(data.length - 5, new byte[10], 0, 10)).isInstanceOf(EOFException.class);

            in.seek(data.length - 3);
            assertThatThrownBy(() -> in.readFully(new byte[4], 0, 4)).isInstanceOf(EOFException.class);
            in.seek(data.length);
            assertThat(in.read()).isEqualTo(-1);
            in.seek(0);
            assertThat(in.skip(1000)).isEqualTo(1000);
            assertThat(in.getPos()).isEqualTo(1000);
            assertThat(in.read()).isEqualTo(data[1000] & 0xFF);
        }
    }

    @Test
    void createWithoutOverwriteRefusesAnExistingFile() throws IOException {
        Path file = new Path(root, "once");
        io.writeUtf8(file, "first", false);
        assertThatThrownBy(() -> io.newOutputStream(file, false))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(file.toString());
        assertThat(io.readUtf8(file)).isEqualTo("first");

        io.writeUtf8(file, "second, longer", true);
        assertThat(io.readUtf8(file)).isEqualTo("second, longer");
        io.writeUtf8(file, "third", true);
        assertThat(io.readUtf8(file)).isEqualTo("third");
    }

    @Test
    void missingFilesAreFileNotFound() throws IOException {
        Path missing = new Path(root, "missing");
        assertThat(io.exists(missing)).isFalse();
        assertThatThrownBy(() -> io.newInputStream(missing)).isInstanceOf(FileNotFoundException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> io.getFileStatus(missing)).isInstanceOf(FileNotFoundException.class).hasMessageContaining("missing");
        assertThat(io.listStatus(missing)).isEmpty();
        assertThat(io.delete(missing, false)).isFalse();
        assertThat(io.delete(missing, true)).isFalse();
        io.deleteQuietly(missing);
    }

    @Test
    void listsADirectorySortedByPath() throws IOException {
        Path directory = new Path(root, "list");
        io.writeUtf8(new Path(directory, "b"), "bb", false);
        io.writeUtf8(new Path(directory, "a"), "a", false);
        io.writeUtf8(new Path(new Path(directory, "c"), "inner"), "inner", false);
        io.mkdirs(new Path(directory, "empty"));

        FileStatus[] statuses = io.listStatus(directory);
        assertThat(Stream.of(statuses).map(FileStatus::path))
                .containsExactly(new Path(directory, "a"), new Path(directory, "b"), new Path(directory, "c"), new Path(directory, "empty"));
        assertThat(Stream.of(statuses).map(FileStatus::isDir)).containsExactly(false, false, true, true);
        assertThat(statuses[0].length()).isEqualTo(1);
        assertThat(statuses[1].length()).isEqualTo(2);
        assertThat(io.listStatus(new Path(directory, "empty"))).isEmpty();

        Path file = new Path(directory, "a");
        assertThat(io.listStatus(file)).containsExactly(io.getFileStatus(file));
        assertThat(io.getFileStatus(directory).isDir()).isTrue();
    }

    @Test
    void deletes() throws IOException {
        Path directory = new Path(root, "tree");
        Path file = new Path(new Path(directory, "sub"), "file");
        io.writeUtf8(file, "x", false);

        assertThatThrownBy(() -> io.delete(directory, false)).isInstanceOf(IOException.class);
        assertThat(io.exists(file)).isTrue();

        assertThat(io.delete(file, false)).isTrue();
        assertThat(io.exists(file)).isFalse();
        assertThat(io.delete(file, false)).isFalse();

        io.writeUtf8(file, "x", false);
        assertThat(io.delete(directory, true)).isTrue();
        assertThat(io.exists(directory)).isFalse();
        assertThat(io.delete(directory, true)).isFalse();
    }

    @Test
    void makesDirectories() throws IOException {
        Path directory = new Path(new Path(new Path(root, "a"), "b"), "c");
        assertThat(io.mkdirs(directory)).isTrue();
        assertThat(io.mkdirs(directory)).isTrue();
        assertThat(io.getFileStatus(directory).isDir()).isTrue();

        Path file = new Path(root, "file");
        io.writeUtf8(file, "x", false);
        assertThatThrownBy(() -> io.mkdirs(file)).isInstanceOf(IOException.class);
    }

    @Test
    void renameMovesAndNeverOverwrites() throws IOException {
        Path source = new Path(root, "source");
        Path target = new Path(new Path(root, "new-parent"), "target");
        io.writeUtf8(source, "source content", false);

        assertThat(io.rename(source, target)).isTrue();
        assertThat(io.exists(source)).isFalse();
        assertThat(io.readUtf8(target)).isEqualTo("source content");

        Path other = new Path(root, "other");
        io.writeUtf8(other, "other content", false);
        assertThat(io.rename(other, target)).isFalse();
        assertThat(io.readUtf8(other)).isEqualTo("other content");
        assertThat(io.readUtf8(target)).isEqualTo("source content");

        assertThatThrownBy(() -> io.rename(new Path(root, "missing"), new Path(root, "anything")))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void renamesDirectories() throws IOException {
        Path directory = new Path(root, "dir");
        io.writeUtf8(new Path(directory, "f"), "f", false);
        Path moved = new Path(root, "moved");
        assertThat(io.rename(directory, moved)).isTrue();
        assertThat(io.readUtf8(new Path(moved, "f"))).isEqualTo("f");
        assertThat(io.exists(directory)).isFalse();

        io.mkdirs(directory);
        assertThat(io.rename(directory, moved)).as("an existing directory is not replaced either").isFalse();
    }

    @Test
    void readsAndWritesUtf8() throws IOException {
        Path file = new Path(root, "text.json");
        String text = "{\"name\": \"Zürich – 東京 🙂\"}";
        io.writeUtf8(file, text, false);
        assertThat(io.readUtf8(file)).isEqualTo(text);
        assertThat(io.getFileStatus(file).length()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void publishesOnlyWhereNothingIs() throws IOException {
        Path snapshot = new Path(new Path(root, "snapshot"), "snapshot-1");
        assertThat(io.publish(snapshot, bytes("first"))).isEqualTo(PublishResult.PUBLISHED);
        assertThat(io.readUtf8(snapshot)).isEqualTo("first");

        assertThat(io.publish(snapshot, bytes("second"))).isEqualTo(PublishResult.ALREADY_EXISTS);
        assertThat(io.readUtf8(snapshot)).isEqualTo("first");

        Path written = new Path(new Path(root, "snapshot"), "snapshot-2");
        io.writeUtf8(written, "written", false);
        assertThat(io.publish(written, bytes("published"))).isEqualTo(PublishResult.ALREADY_EXISTS);
        assertThat(io.readUtf8(written)).isEqualTo("written");

        Path empty = new Path(new Path(root, "snapshot"), "snapshot-3");
        assertThat(io.publish(empty, new byte[0])).isEqualTo(PublishResult.PUBLISHED);
        assertThat(io.getFileStatus(empty).length()).isZero();

        assertNoTempFiles();
    }

    /**
     * Runs {@code rounds} races of {@code threads} publishers of different content to one new target each, and checks
     * that exactly one wins each race, that the file holds exactly the winner's content, and that no temp file is left.
     */
    void assertExactlyOneWinnerPerRace(FileIO publisher, int threads, int rounds) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                Path target = new Path(new Path(root, "race"), "snapshot-" + round);
                CyclicBarrier start = new CyclicBarrier(threads);
                List<String> contents = new ArrayList<>();
                List<Future<PublishResult>> results = new ArrayList<>();
                for (int writer = 0; writer < threads; writer++) {
                    String content = "round " + round + ", writer " + writer + ": " + "x".repeat(writer * 1000);
                    contents.add(content);
                    results.add(executor.submit(() -> {
                        start.await();
                        return publisher.publish(target, bytes(content));
                    }));
                }
                List<Integer> winners = new ArrayList<>();
                for (int writer = 0; writer < threads; writer++) {
                    PublishResult result = results.get(writer).get(30, TimeUnit.SECONDS);
                    if (result == PublishResult.PUBLISHED) {
                        winners.add(writer);
                    } else {
                        assertThat(result).isEqualTo(PublishResult.ALREADY_EXISTS);
                    }
                }
                assertThat(winners).as("winners of round %d", round).hasSize(1);
                assertThat(publisher.readUtf8(target)).isEqualTo(contents.get(winners.get(0)));
            }
        } finally {
            executor.shutdownNow();
        }
        assertNoTempFiles();
    }

    void assertNoTempFiles() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.walk(tempDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.contains(".tmp"));
        }
    }

    void write(Path file, byte[] data) throws IOException {
        try (PositionOutputStream out = io.newOutputStream(file, false)) {
            out.write(data);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }
}
