package io.tstore.core.fs;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.tstore.core.fs.HadoopPublishMode.ATOMIC_RENAME;
import static io.tstore.core.fs.HadoopPublishMode.CHECKED_CREATE;
import static io.tstore.core.fs.HadoopPublishMode.CHECKED_RENAME;
import static io.tstore.core.fs.HadoopPublishMode.CONDITIONAL_CREATE;
import static io.tstore.core.fs.HadoopPublishMode.choose;
import static org.assertj.core.api.Assertions.assertThat;

class HadoopPublishModeTest {
    private static final Set<String> RENAME = FileIOOptions.schemes(FileIOOptions.ATOMIC_RENAME_SCHEMES.defaultValue());
    private static final Set<String> OBJECT_STORES = FileIOOptions.schemes(FileIOOptions.OBJECT_STORE_SCHEMES.defaultValue());

    @Test
    void hdfsPublishesByRename() {
        assertThat(choose("hdfs", RENAME, OBJECT_STORES, false)).isEqualTo(ATOMIC_RENAME);
        assertThat(choose("webhdfs", RENAME, OBJECT_STORES, false)).isEqualTo(ATOMIC_RENAME);
        assertThat(ATOMIC_RENAME.isAtomic()).isTrue();
    }

    @Test
    void objectStoresPublishByCreateAtomicOnlyWithConditionalCreate() {
        assertThat(choose("s3a", RENAME, OBJECT_STORES, true)).isEqualTo(CONDITIONAL_CREATE);
        assertThat(choose("s3a", RENAME, OBJECT_STORES, false)).isEqualTo(CHECKED_CREATE);
        assertThat(choose("gs", RENAME, OBJECT_STORES, false)).isEqualTo(CHECKED_CREATE);
        assertThat(CONDITIONAL_CREATE.isAtomic()).isTrue();
        assertThat(CHECKED_CREATE.isAtomic()).isFalse();
    }

    @Test
    void unknownFileSystemsRenameAfterACheckUnlessTheyDeclareConditionalCreate() {
        assertThat(choose("file", RENAME, OBJECT_STORES, false)).isEqualTo(CHECKED_RENAME);
        assertThat(choose("viewfs", RENAME, OBJECT_STORES, false)).isEqualTo(CHECKED_RENAME);
        assertThat(choose("viewfs", RENAME, OBJECT_STORES, true)).isEqualTo(CONDITIONAL_CREATE);
        assertThat(CHECKED_RENAME.isAtomic()).isFalse();
    }

    @Test
    void schemeListsAreConfigurable() {
        assertThat(FileIOOptions.schemes(" HDFS, ofs ,,")).containsExactlyInAnyOrder("hdfs", "ofs");
        assertThat(choose("ofs", FileIOOptions.schemes("hdfs,ofs"), OBJECT_STORES, false)).isEqualTo(ATOMIC_RENAME);
    }
}
