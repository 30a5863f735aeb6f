package io.tstore.core.fs;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** File IO is found by URI scheme through {@link FileIOFactory}s on the class path; Hadoop serves the rest. */
class FileIOFactoryTest {

    @Test
    void aRegisteredFactoryServesItsSchemes() {
        FileIO io = FileIO.get(new Path("plugged://bucket/warehouse"), Map.of("k", "v"));
        assertThat(io).isSameAs(MADE.get().fileIO());
        assertThat(MADE.get().factory()).isEqualTo("high");
        assertThat(MADE.get().path()).hasToString("plugged://bucket/warehouse");
        assertThat(MADE.get().options()).containsEntry("k", "v");
        assertThat(FileIO.get(new Path("PLUGGED-TOO://bucket/x"), Map.of())).isSameAs(MADE.get().fileIO());
    }

    @Test
    void localPathsAndUnservedSchemesKeepTheirFileIO() {
        assertThat(FileIO.get(new Path("/tmp/warehouse"), Map.of())).isInstanceOf(LocalFileIO.class);
        assertThat(FileIO.get(new Path("file:/tmp/warehouse"), Map.of())).isInstanceOf(LocalFileIO.class);
        assertThat(FileIO.get(new Path("hdfs://namenode:8020/warehouse"), Map.of())).isInstanceOf(HadoopFileIO.class);
        assertThat(FileIOFactory.forScheme("hdfs")).isNull();
    }

    /** What the last test factory made, by whom, for which path and with which options. */
    record Made(String factory, Path path, Map<String, String> options, FileIO fileIO) {}

    static final AtomicReference<Made> MADE = new AtomicReference<>();

    static FileIO make(String factory, Path path, Map<String, String> options) {
        FileIO io = new LocalFileIO();
        MADE.set(new Made(factory, path, options, io));
        return io;
    }

    /** Serves {@code plugged} and {@code plugged-too}, with priority. */
    public static final class HighFactory implements FileIOFactory {
        @Override
        public Set<String> schemes() {
            return Set.of("plugged", "plugged-too");
        }

        @Override
        public int priority() {
            return 10;
        }

        @Override
        public FileIO create(Path path, Map<String, String> options) {
            return make("high", path, options);
        }
    }

    /** Also serves {@code plugged}, at the default priority: loses to {@link HighFactory}. */
    public static final class LowFactory implements FileIOFactory {
        @Override
        public Set<String> schemes() {
            return Set.of("plugged");
        }

        @Override
        public FileIO create(Path path, Map<String, String> options) {
            return make("low", path, options);
        }
    }
}
