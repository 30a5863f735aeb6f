package io.tstore.core.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileIOTest {
    @TempDir
    java.nio.file.Path tempDir;

    @Test
    void localPathsGetLocalFileIO() {
        assertThat(FileIO.get(new Path("/tmp/warehouse"), Map.of())).isInstanceOf(LocalFileIO.class);
        assertThat(FileIO.get(new Path("file:/tmp/warehouse"), Map.of())).isInstanceOf(LocalFileIO.class);
        assertThat(FileIO.get(new Path("file:///tmp/warehouse"), Map.of())).isInstanceOf(LocalFileIO.class);
        assertThat(FileIO.get(new Path("relative/warehouse"), Map.of())).isInstanceOf(LocalFileIO.class);
    }

    @Test
    void otherSchemesGetHadoopFileIO() {
        // Nothing is connected until a file is touched, so no cluster or bucket is needed here.
        FileIO hdfs = FileIO.get(new Path("hdfs://namenode:8020/warehouse"), Map.of());
        assertThat(hdfs).isInstanceOf(HadoopFileIO.class);
        assertThat(hdfs.isObjectStore()).isFalse();
        assertThat(hdfs.supportsAtomicPublish()).as("HDFS rename refuses to overwrite").isTrue();

        // s3:// and s3a:// have a file IO of their own (S3FileIOFactory); other object stores go to Hadoop.
        assertThat(FileIO.get(new Path("s3a://bucket/warehouse"), Map.of())).isInstanceOf(io.tstore.core.fs.s3.S3FileIO.class);
        FileIO oss = FileIO.get(new Path("oss://bucket/warehouse"), Map.of("fs.oss.endpoint", "http://localhost:9000"));
        assertThat(oss).isInstanceOf(HadoopFileIO.class);
        assertThat(oss.isObjectStore()).isTrue();
        assertThat(((HadoopFileIO) oss).hadoopConfiguration().get("fs.oss.endpoint")).isEqualTo("http://localhost:9000");

        assertThat(FileIO.get(new Path("gs://bucket/warehouse"), Map.of()).isObjectStore()).isTrue();
        assertThat(FileIO.get(new Path("abfss://container@account.dfs.core.windows.net/warehouse"), Map.of()).isObjectStore()).isTrue();
    }

    @Test
    void hadoopFileIONeedsAScheme() {
        assertThatThrownBy(() -> new HadoopFileIO(new Path("/tmp/warehouse"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/tmp/warehouse");
    }

    @Test
    void localFileIOSurvivesSerialization() throws Exception {
        FileIO io = FileIO.get(new Path(tempDir.toString()), Map.of());
        Path file = new Path(new Path(tempDir.toString()), "before");
        io.writeUtf8(file, "written before", false);

        FileIO copy = roundTrip(io);
        assertThat(copy).isInstanceOf(LocalFileIO.class);
        assertThat(copy.readUtf8(file)).isEqualTo("written before");
        assertThat(copy.publish(new Path(new Path(tempDir.toString()), "after"), "published after".getBytes())).isEqualTo(PublishResult.PUBLISHED);
        assertThat(io.readUtf8(new Path(new Path(tempDir.toString()), "after"))).isEqualTo("published after");
    }

    @Test
    void hadoopFileIOSurvivesSerialization() throws Exception {
        Path root = new Path("file:" + tempDir);
        HadoopFileIO io = new HadoopFileIO(root, Map.of("hadoop.io.file.buffer.size", "8192", FileIOOptions.OBJECT_STORE_SCHEMES.key(), "s3a"));
        Path file = new Path(root, "before");
        io.writeUtf8(file, "written before", false);

        HadoopFileIO copy = roundTrip(io);
        assertThat(copy.readUtf8(file)).isEqualTo("written before");
        assertThat(copy.hadoopConfiguration().get("io.file.buffer.size")).isEqualTo("8192");
        assertThat(copy.isObjectStore()).isFalse();
        copy.writeUtf8(new Path(root, "after"), "written after", false);
        assertThat(io.readUtf8(new Path(root, "after"))).isEqualTo("written after");
    }

    @Test
    void failingFileIOSurvivesSerialization() throws Exception {
        FailingFileIO io = new FailingFileIO(new LocalFileIO()).failRandomly(7, 0.5);
        FailingFileIO copy = roundTrip(io);
        copy.disarm();
        Path file = new Path(new Path(tempDir.toString()), "f");
        copy.writeUtf8(file, "x", false);
        assertThat(copy.readUtf8(file)).isEqualTo("x");
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
