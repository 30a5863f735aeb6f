package io.tstore.core.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathTest {

    @Test
    void parsesSchemeAuthorityAndPath() {
        Path path = new Path("hdfs://namenode:8020/warehouse/db.db/t");
        assertThat(path.toUri().getScheme()).isEqualTo("hdfs");
        assertThat(path.toUri().getAuthority()).isEqualTo("namenode:8020");
        assertThat(path.toUri().getPath()).isEqualTo("/warehouse/db.db/t");
        assertThat(path.toString()).isEqualTo("hdfs://namenode:8020/warehouse/db.db/t");
        assertThat(path.getName()).isEqualTo("t");
        assertThat(path.isLocal()).isFalse();
    }

    @Test
    void pathWithoutSchemeIsLocal() {
        assertThat(new Path("/tmp/warehouse").isLocal()).isTrue();
        assertThat(new Path("/tmp/warehouse").toUri().getScheme()).isNull();
        assertThat(new Path("file:/tmp/warehouse").isLocal()).isTrue();
        assertThat(new Path("relative/dir").isLocal()).isTrue();
        assertThat(new Path("s3a://bucket/warehouse").isLocal()).isFalse();
    }

    @Test
    void normalizesSpellingsOfOneLocation() {
        assertThat(new Path("/tmp//warehouse///db.db/")).isEqualTo(new Path("/tmp/warehouse/db.db"));
        assertThat(new Path("/tmp//warehouse/").toString()).isEqualTo("/tmp/warehouse");
        assertThat(new Path("file:///tmp/t")).isEqualTo(new Path("file:/tmp/t"));
        assertThat(new Path("file:///tmp/t").toString()).isEqualTo("file:/tmp/t");
        assertThat(new Path("S3A://bucket//a")).isEqualTo(new Path("s3a://bucket/a"));
        assertThat(new Path("s3a://bucket").toString()).isEqualTo("s3a://bucket/");
        assertThat(new Path("/")).hasToString("/");
        assertThat(new Path("/").hashCode()).isEqualTo(new Path("//").hashCode());
        assertThat(new Path("/a")).isNotEqualTo(new Path("file:/a"));
    }

    @Test
    void childrenAndParents() {
        Path warehouse = new Path("s3a://bucket/warehouse");
        Path table = new Path(new Path(warehouse, "db.db"), "orders");
        assertThat(table.toString()).isEqualTo("s3a://bucket/warehouse/db.db/orders");
        assertThat(table.getParent()).isEqualTo(new Path("s3a://bucket/warehouse/db.db"));
        assertThat(table.getParent().getParent()).isEqualTo(warehouse);
        assertThat(warehouse.getParent()).isEqualTo(new Path("s3a://bucket/"));
        assertThat(warehouse.getParent().getParent()).isNull();
        assertThat(warehouse.getParent().getName()).isEmpty();
        assertThat(new Path(new Path("/"), "a")).hasToString("/a");
        assertThat(new Path("/a").getParent()).isEqualTo(new Path("/"));
        assertThat(new Path("/").getParent()).isNull();
        assertThat(new Path("a/b").getParent()).isEqualTo(new Path("a"));
        assertThat(new Path("a").getParent()).isNull();
        assertThat(new Path(new Path("a"), "b")).isEqualTo(new Path("a/b"));
    }

    @Test
    void namesAreTakenLiterally() {
        Path path = new Path(new Path("/warehouse"), "a b%20c?d#e");
        assertThat(path.getName()).isEqualTo("a b%20c?d#e");
        assertThat(path.toString()).isEqualTo("/warehouse/a b%20c?d#e");
        assertThat(path.toUri().getRawPath()).isEqualTo("/warehouse/a%20b%2520c%3Fd%23e");
        assertThat(new Path(path.toString())).isEqualTo(path);
        assertThat(new Path("hdfs://nn/x y").getName()).isEqualTo("x y");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "/", "db/..", "a\u0000b", "line\nbreak", "tab\t", "del\u007F"})
    void rejectsNamesThatAreNotOnePlainElement(String name) {
        Path parent = new Path("s3a://bucket/warehouse");
        assertThatThrownBy(() -> new Path(parent, name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid name '")
                .hasMessageContaining("under s3a://bucket/warehouse");
    }

    @Test
    void rejectionNamesTheBadNameAndWhy() {
        Path parent = new Path("/warehouse");
        assertThatThrownBy(() -> new Path(parent, "../other"))
                .hasMessage("Invalid name '../other' under /warehouse: a name must not contain '/'");
        assertThatThrownBy(() -> new Path(parent, ".."))
                .hasMessage("Invalid name '..' under /warehouse: a name must not be '.' or '..'");
        assertThatThrownBy(() -> new Path(parent, ""))
                .hasMessage("Invalid name '' under /warehouse: a name must not be empty");
        assertThatThrownBy(() -> new Path(parent, "bad\nname"))
                .hasMessage("Invalid name 'bad\\u000Aname' under /warehouse: a name must not contain control characters (found U+000A at index 3)");
        assertThatThrownBy(() -> new Path(parent, null)).isInstanceOf(NullPointerException.class).hasMessage("name is null");
    }

    @Test
    void rejectsMalformedPaths() {
        assertThatThrownBy(() -> new Path("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Path("hdfs:relative/path"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be absolute");
        assertThatThrownBy(() -> new Path("file:"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Path((String) null)).isInstanceOf(NullPointerException.class).hasMessage("path is null");
    }

    @Test
    void sortsByUri() {
        assertThat(new Path("/a/b")).isLessThan(new Path("/a/c"));
    }

    @Test
    void serializes() throws IOException, ClassNotFoundException {
        Path path = new Path(new Path("hdfs://nn:8020/warehouse"), "a b");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(path);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Path copy = (Path) in.readObject();
            assertThat(copy).isEqualTo(path).hasSameHashCodeAs(path);
            assertThat(copy.toString()).isEqualTo("hdfs://nn:8020/warehouse/a b");
        }
    }
}
