package io.tstore.core.fs;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link HadoopFileIO} over Hadoop's local file system, and over a local one that refuses to rename onto a file. */
class HadoopFileIOTest extends FileIOContractTest {

    @Override
    FileIO createFileIO() {
        return new HadoopFileIO(new Path("file:" + tempDir), Map.of());
    }

    @Override
    Path toPath(java.nio.file.Path directory) {
        return new Path("file:" + directory);
    }

    @Test
    void publishOnHadoopsLocalFileSystemIsNotAtomic() throws IOException {
        HadoopFileIO hadoop = (HadoopFileIO) io;
        // Hadoop's local rename replaces files, so publish has to check first, which a racer can slip through.
        assertThat(hadoop.publishMode(root)).isEqualTo(HadoopPublishMode.CHECKED_RENAME);
        assertThat(hadoop.supportsAtomicPublish()).isFalse();
        assertThat(hadoop.isObjectStore()).isFalse();
    }

    @Test
    void publishesByRenameWhereRenameRefusesToOverwrite() throws Exception {
        HadoopFileIO refusing = new HadoopFileIO(refusingRoot(), Map.of(
                "fs.refusing.impl", RenameRefusingFileSystem.class.getName(),
                FileIOOptions.ATOMIC_RENAME_SCHEMES.key(), "hdfs,refusing"));
        assertThat(refusing.publishMode(refusingRoot())).isEqualTo(HadoopPublishMode.ATOMIC_RENAME);
        assertThat(refusing.supportsAtomicPublish()).isTrue();

        root = refusingRoot();
        assertExactlyOneWinnerPerRace(refusing, 8, 50);
        assertThat(refusing.listStatus(new Path(root, "race"))).hasSize(50);
    }

    @Test
    void publishesWithCreateOnObjectStoresWithoutConditionalCreate() throws IOException {
        // Declaring file: an object store exercises the create path; without conditional create it is not atomic.
        HadoopFileIO objectStore = new HadoopFileIO(root, Map.of(FileIOOptions.OBJECT_STORE_SCHEMES.key(), "s3a,file"));
        assertThat(objectStore.isObjectStore()).isTrue();
        assertThat(objectStore.publishMode(root)).isEqualTo(HadoopPublishMode.CHECKED_CREATE);
        assertThat(objectStore.supportsAtomicPublish()).isFalse();

        Path snapshot = new Path(new Path(root, "snapshot"), "snapshot-1");
        assertThat(objectStore.publish(snapshot, bytes("first"))).isEqualTo(PublishResult.PUBLISHED);
        assertThat(objectStore.publish(snapshot, bytes("second"))).isEqualTo(PublishResult.ALREADY_EXISTS);
        assertThat(objectStore.readUtf8(snapshot)).isEqualTo("first");
        assertNoTempFiles();
    }

    @Test
    void renameWhoseAnswerIsLostLeavesTheOutcomeUnknown() throws IOException {
        HadoopFileIO refusing = new HadoopFileIO(refusingRoot(), Map.of(
                "fs.refusing.impl", RenameRefusingFileSystem.class.getName(),
                FileIOOptions.ATOMIC_RENAME_SCHEMES.key(), "refusing"));
        root = refusingRoot();
        Path lostRequest = new Path(root, "snapshot-1");
        RenameRefusingFileSystem.failNextRename(RenameRefusingFileSystem.Fault.LOST_REQUEST);
        assertThatThrownBy(() -> refusing.publish(lostRequest, bytes("one")))
                .isInstanceOf(PublishOutcomeUnknownException.class)
                .hasMessageContaining(lostRequest.toString())
                .hasMessageContaining("do not delete");
        assertThat(refusing.exists(lostRequest)).isFalse();

        Path lostAnswer = new Path(root, "snapshot-2");
        RenameRefusingFileSystem.failNextRename(RenameRefusingFileSystem.Fault.LOST_ANSWER);
        assertThatThrownBy(() -> refusing.publish(lostAnswer, bytes("two")))
                .isInstanceOfSatisfying(PublishOutcomeUnknownException.class, e -> assertThat(e.target()).isEqualTo(lostAnswer));
        assertThat(refusing.readUtf8(lostAnswer)).isEqualTo("two");
        assertNoTempFiles();
    }

    @Test
    void publishesWithConditionalCreateWhereTheStoreHasIt() throws Exception {
        HadoopFileIO store = new HadoopFileIO(conditionalPutRoot(), Map.of(
                "fs.condput.impl", ConditionalPutFileSystem.class.getName(),
                FileIOOptions.OBJECT_STORE_SCHEMES.key(), "s3a,condput"));
        assertThat(store.isObjectStore()).isTrue();
        assertThat(store.publishMode(conditionalPutRoot())).isEqualTo(HadoopPublishMode.CONDITIONAL_CREATE);
        assertThat(store.supportsAtomicPublish()).isTrue();

        root = conditionalPutRoot();
        assertExactlyOneWinnerPerRace(store, 8, 50);
    }

    @Test
    void conditionalCreateRefusedByOurOwnRetriedUploadIsUnknown() throws IOException {
        HadoopFileIO store = new HadoopFileIO(conditionalPutRoot(), Map.of("fs.condput.impl", ConditionalPutFileSystem.class.getName()));
        assertThat(store.publishMode(conditionalPutRoot())).as("a declared conditional create is used on any file system")
                .isEqualTo(HadoopPublishMode.CONDITIONAL_CREATE);
        Path snapshot = new Path(conditionalPutRoot(), "snapshot-1");

        ConditionalPutFileSystem.retryNextUpload();
        assertThatThrownBy(() -> store.publish(snapshot, bytes("ours")))
                .isInstanceOf(PublishOutcomeUnknownException.class)
                .hasMessageContaining("holds exactly our content");
        assertThat(store.readUtf8(snapshot)).isEqualTo("ours");

        assertThat(store.publish(snapshot, bytes("theirs"))).isEqualTo(PublishResult.ALREADY_EXISTS);
        assertThat(store.readUtf8(snapshot)).isEqualTo("ours");
    }

    @Test
    void recognizesConflictsOfConditionalUploads() {
        assertThat(HadoopFileIO.isAlreadyExists(new org.apache.hadoop.fs.FileAlreadyExistsException("x"))).isTrue();
        assertThat(HadoopFileIO.isAlreadyExists(new IOException("wrapped", new FileAlreadyExistsException("x")))).isTrue();
        assertThat(HadoopFileIO.isAlreadyExists(new IOException(new ConditionalPutFileSystem.RemoteFileChangedException("412")))).isTrue();
        assertThat(HadoopFileIO.isAlreadyExists(new IOException("connection reset"))).isFalse();
    }

    @Test
    void passesFsAndHadoopOptionsToHadoop() {
        HadoopFileIO hadoop = new HadoopFileIO(root, Map.of(
                "fs.s3a.endpoint", "http://localhost:9000",
                "fs.s3a.path.style.access", "false",
                "hadoop.fs.s3a.path.style.access", "true",
                "hadoop.dfs.replication", "2",
                "bucket", "4"));
        Configuration conf = hadoop.hadoopConfiguration();
        assertThat(conf.get("fs.s3a.endpoint")).isEqualTo("http://localhost:9000");
        assertThat(conf.get("fs.s3a.path.style.access")).as("the hadoop. form wins").isEqualTo("true");
        assertThat(conf.get("dfs.replication")).isEqualTo("2");
        assertThat(conf.get("bucket")).isNull();
    }

    @Test
    void usesTheFileSystemNamedInTheOptions() throws IOException {
        HadoopFileIO refusing = new HadoopFileIO(refusingRoot(), Map.of("fs.refusing.impl", RenameRefusingFileSystem.class.getName()));
        Path file = new Path(refusingRoot(), "f");
        refusing.writeUtf8(file, "via refusing:", false);
        assertThat(io.readUtf8(new Path(root, "f"))).isEqualTo("via refusing:");
        assertThat(refusing.listStatus(refusingRoot())).extracting(FileStatus::path).containsExactly(file);
    }

    private Path conditionalPutRoot() {
        return new Path(ConditionalPutFileSystem.SCHEME + ":" + tempDir);
    }

    private Path refusingRoot() {
        return new Path(RenameRefusingFileSystem.SCHEME + ":" + tempDir);
    }
}
