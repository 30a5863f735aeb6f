package io.tstore.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spark 4's own {@code CALL}: the catalog's maintenance procedures with no session extension. */
class Spark4ProceduresTest {
    private static SparkTestSupport support;

    @BeforeAll
    static void start() {
        support = SparkTestSupport.start("spark4-procedures", Map.of());
        support.sql("CREATE DATABASE db");
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    @Test
    void proceduresRunThroughSparksOwnCall() {
        support.sql("CREATE TABLE db.t (id BIGINT, v STRING) TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '1')");
        for (int i = 0; i < 3; i++) {
            support.sql("INSERT INTO db.t VALUES (" + i + ", 'v" + i + "')");
        }
        assertThat(support.sql("CALL tstore.system.create_tag(table => 'db.t', tag => 'two', snapshot => 2)"))
                .containsExactly("[two,2]");
        assertThat(support.sql("CALL tstore.system.compact('db.t')")).containsExactly("[1]");
        assertThat(support.sql("SELECT commit_kind FROM db.`t$snapshots` ORDER BY snapshot_id DESC LIMIT 1"))
                .containsExactly("[COMPACT]");
        assertThat(support.sql("CALL tstore.system.rollback('db.t', 'two')")).containsExactly("[2,2]");
        assertThat(support.sql("SELECT id, v FROM db.t ORDER BY id")).containsExactly("[0,v0]", "[1,v1]");
        assertThat(support.sql("CALL tstore.system.rollback(table => 'db.t', snapshot_or_tag => 1)"))
                .containsExactly("[1,1]");
        assertThat(support.sql("CALL tstore.system.check_table('db.t')")).singleElement().asString()
                .startsWith("[ok,db.t,");
        assertThatThrownBy(() -> support.sql("CALL tstore.system.create_tag('db.t')")).hasMessageContaining("tag");
    }
}
