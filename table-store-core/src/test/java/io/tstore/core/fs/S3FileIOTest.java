package io.tstore.core.fs;

import io.tstore.core.fs.s3.S3FileIO;
import io.tstore.core.fs.s3.S3FileIOOptions;
import io.tstore.core.fs.s3.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link S3FileIO} against a real S3 server (S3Proxy on loopback): the contract of every file IO, and S3's own. */
class S3FileIOTest extends FileIOContractTest {
    private static final String BUCKET = "contract";
    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    FileIO createFileIO() {
        Map<String, String> options = new HashMap<>(server.options());
        options.put(S3FileIOOptions.MULTIPART_PART_SIZE.key(), "5 mb");
        return FileIO.get(new Path("s3://" + BUCKET + "/"), options);
    }

    /** Each test's own prefix in the bucket, named after its temp directory. */
    @Override
    Path toPath(java.nio.file.Path directory) {
        return new Path("s3://" + BUCKET + "/" + directory.getFileName());
    }

    @Test
    void isFoundByScheme() {
        assertThat(io).isInstanceOf(S3FileIO.class);
        assertThat(FileIO.get(new Path("s3a://" + BUCKET + "/w"), server.options())).isInstanceOf(S3FileIO.class);
        assertThat(io.isObjectStore()).isTrue();
        assertThat(io.supportsAtomicPublish()).isTrue();
    }

    @Test
    void publishIsAtomicAgainstRacers() throws Exception {
        assertExactlyOneWinnerPerRace(io, 8, 30);
    }

    @Test
    void largeFilesStreamAsMultipartUploads() throws IOException {
        byte[] data = randomBytes(12 * 1024 * 1024 + 123, 7); // three parts of 5 mb
        Path file = new Path(root, "large.bin");
        try (OutputStream out = io.newOutputStream(file, false)) {
            for (int offset = 0; offset < data.length; offset += 1_000_000) {
                out.write(data, offset, Math.min(1_000_000, data.length - offset));
            }
            assertThat(io.exists(file)).as("nothing is visible before close").isFalse();
        }
        assertThat(io.getFileStatus(file).length()).isEqualTo(data.length);
        try (SeekableInputStream in = io.newInputStream(file)) {
            byte[] tail = new byte[1000];
            in.readFully(data.length - 1000, tail, 0, 1000);
            assertThat(tail).isEqualTo(Arrays.copyOfRange(data, data.length - 1000, data.length));
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void listsPastOnePage() throws IOException {
        Path directory = new Path(root, "many");
        int files = 1001; // a page of ListObjectsV2 holds 1000 keys
        java.util.stream.IntStream.range(0, files).parallel().forEach(i -> {
            try {
                io.writeUtf8(new Path(directory, String.format("f-%04d", i)), "x", true);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        FileStatus[] listed = io.listStatus(directory);
        assertThat(listed).hasSize(files);
        assertThat(listed[files - 1].path().getName()).isEqualTo("f-1000");
        assertThat(io.delete(directory, true)).isTrue();
        assertThat(io.listStatus(directory)).isEmpty();
    }

    @Test
    void badOptionsAreNamed() {
        Map<String, String> typo = new HashMap<>(server.options());
        typo.put("file-io.s3.endpiont", "http://x");
        assertThatThrownBy(() -> FileIO.get(new Path("s3://b/w"), typo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file-io.s3.endpiont");
        Map<String, String> small = new HashMap<>(server.options());
        small.put(S3FileIOOptions.MULTIPART_PART_SIZE.key(), "1 mb");
        assertThatThrownBy(() -> FileIO.get(new Path("s3://b/w"), small))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file-io.s3.multipart.part-size");
        assertThatThrownBy(() -> FileIO.get(new Path("s3://b/w"), Map.of(S3FileIOOptions.ACCESS_KEY_ID.key(), "k")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file-io.s3.secret-access-key");
    }

    @Test
    void aMissingBucketIsNamed() {
        FileIO other = FileIO.get(new Path("s3://no-such-bucket/"), server.options());
        assertThatThrownBy(() -> other.writeUtf8(new Path("s3://no-such-bucket/f"), "x", true))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-bucket");
    }
}
