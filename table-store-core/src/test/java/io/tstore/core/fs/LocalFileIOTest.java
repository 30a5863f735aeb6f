package io.tstore.core.fs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFileIOTest extends FileIOContractTest {

    @Override
    FileIO createFileIO() {
        return new LocalFileIO();
    }

    @Override
    Path toPath(java.nio.file.Path directory) {
        return new Path(directory.toString());
    }

    @Test
    void exactlyOneOfEightRacingPublishersWins() throws Exception {
        assertThat(io.supportsAtomicPublish()).isTrue();
        assertExactlyOneWinnerPerRace(io, 8, 50);
        assertThat(io.supportsAtomicPublish()).as("hard links worked, no fallback was needed").isTrue();
    }

    @Test
    void withoutHardLinksPublishersInOneProcessStillRaceFairly() throws Exception {
        LocalFileIO withoutLinks = new LocalFileIO();
        withoutLinks.simulateNoHardLinks();
        assertThat(withoutLinks.supportsAtomicPublish()).isFalse();
        assertExactlyOneWinnerPerRace(withoutLinks, 8, 20);

        Path source = new Path(root, "source");
        withoutLinks.writeUtf8(source, "s", false);
        withoutLinks.writeUtf8(new Path(root, "taken"), "t", false);
        assertThat(withoutLinks.rename(source, new Path(root, "taken"))).isFalse();
        assertThat(withoutLinks.rename(source, new Path(root, "free"))).isTrue();
        assertThat(withoutLinks.readUtf8(new Path(root, "free"))).isEqualTo("s");
    }

    @Test
    void acceptsFileSchemePaths() throws IOException {
        Path file = new Path(new Path("file:" + tempDir), "with-scheme");
        assertThat(file.toString()).startsWith("file:/");
        io.writeUtf8(file, "content", false);
        assertThat(Files.readString(tempDir.resolve("with-scheme"))).isEqualTo("content");
        assertThat(io.readUtf8(new Path(tempDir.resolve("with-scheme").toString()))).isEqualTo("content");
        assertThat(io.publish(new Path(new Path("file://" + tempDir), "published"), bytes("p"))).isEqualTo(PublishResult.PUBLISHED);
        assertThat(io.listStatus(new Path("file:" + tempDir))).extracting(FileStatus::path)
                .containsExactly(new Path("file:" + tempDir + "/published"), file);
    }

    @Test
    void refusesPathsOfOtherFileSystems() {
        assertThatThrownBy(() -> io.exists(new Path("s3a://bucket/file")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3a://bucket/file");
        assertThatThrownBy(() -> io.exists(new Path("file://host/file")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file://host/file");
    }

    @Test
    void isNotAnObjectStore() {
        assertThat(io.isObjectStore()).isFalse();
    }

    @Test
    void closedStreamsRefuseToWork() throws IOException {
        Path file = new Path(root, "f");
        PositionOutputStream out = io.newOutputStream(file, false);
        out.write(1);
        out.close();
        out.close();
        assertThatThrownBy(() -> out.write(2)).isInstanceOf(IOException.class).hasMessageContaining("closed");

        SeekableInputStream in = io.newInputStream(file);
        in.close();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
}
