package io.tstore.core.schema;

import io.tstore.core.fs.FailingFileIO;
import io.tstore.core.fs.FailingFileIO.PublishFailure;
import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.ForwardingFileIO;
import io.tstore.core.fs.FileStatus;
import io.tstore.core.fs.LocalFileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.PublishOutcomeUnknownException;
import io.tstore.core.fs.PublishResult;
import io.tstore.core.types.DataField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.tstore.core.schema.SchemaChange.addColumn;
import static io.tstore.core.schema.SchemaChange.dropColumn;
import static io.tstore.core.schema.SchemaChange.setOption;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaManagerTest {
    @TempDir
    java.nio.file.Path tempDir;

    private final FileIO fileIO = new LocalFileIO();
    private final AtomicLong clock = new AtomicLong(1_000);
    private Path tablePath;

    @BeforeEach
    void setUp() {
        tablePath = new Path(new Path(new Path(tempDir.toString()), "db.db"), "orders");
    }

    private SchemaManager manager(FileIO io) {
        return new SchemaManager(io, tablePath, SchemaManager.tableNameOf(tablePath), clock::incrementAndGet);
    }

    private static Schema orders() {
        return Schema.newBuilder()
                .column("dt", STRING())
                .column("id", BIGINT())
                .column("amount", INT())
                .partitionKeys("dt")
                .primaryKey("dt", "id")
                .option("bucket", "2")
                .comment("orders")
                .build();
    }

    /** The names in the schema directory: only schema files, never a temp file or a partial one. */
    private List<String> schemaDirectory() throws IOException {
        List<String> names = new ArrayList<>();
        for (FileStatus status : fileIO.listStatus(new Path(tablePath, "schema"))) {
            names.add(status.path().getName());
        }
        return names;
    }

    @Test
    void createTableWritesSchemaZeroThatEveryReaderSees() throws IOException {
        SchemaManager manager = manager(fileIO);
        assertThat(manager.latest()).isEmpty();
        assertThat(manager.listAll()).isEmpty();

        TableSchema created = manager.createTable(orders());
        assertThat(created.id()).isZero();
        assertThat(created.timeMillis()).isEqualTo(1_001);
        assertThat(schemaDirectory()).containsExactly("schema-0");
        assertThat(fileIO.readUtf8(new Path(new Path(tablePath, "schema"), "schema-0"))).isEqualTo(created.toJson());

        SchemaManager other = new SchemaManager(fileIO, tablePath);
        assertThat(other.latest()).contains(created);
        assertThat(other.schema(0)).isEqualTo(created);
        assertThat(other.schema(0)).isSameAs(other.schema(0));
        assertThat(other.listAll()).containsExactly(created);
    }

    @Test
    void createTableTwiceFailsNamingThePath() throws IOException {
        SchemaManager manager = manager(fileIO);
        manager.createTable(orders());
        assertThatThrownBy(() -> manager(fileIO).createTable(orders()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Table db.orders already exists at " + tablePath);
        assertThat(schemaDirectory()).containsExactly("schema-0");
    }

    @Test
    void createTableFailsWhenOnlyLaterSchemasAreLeft() throws IOException {
        SchemaManager manager = manager(fileIO);
        manager.createTable(orders());
        manager.commitChanges(addColumn("x", INT()));
        // schema-0 may be expired once nothing refers to it; the table still exists
        fileIO.delete(manager.schemaPath(0), false);
        assertThatThrownBy(() -> manager(fileIO).createTable(orders()))
                .hasMessageContaining("already exists").hasMessageContaining("ids [1]");
    }

    @Test
    void concurrentCreatesLetExactlyOneWin() throws Exception {
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        manager(fileIO).createTable(orders());
                        return true;
                    } catch (IllegalStateException e) {
                        assertThat(e).hasMessageContaining("already exists");
                        return false;
                    }
                }));
            }
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(schemaDirectory()).containsExactly("schema-0");
    }

    @Test
    void anInvalidSchemaWritesNothing() throws IOException {
        SchemaManager manager = manager(fileIO);
        assertThatThrownBy(() -> manager.createTable(Schema.newBuilder().column("a", INT()).primaryKey("b").build()))
                .hasMessageStartingWith("Table db.orders: primary key column 'b' does not exist");
        assertThat(fileIO.exists(new Path(tablePath, "schema"))).isFalse();
    }

    @Test
    void commitChangesPublishesTheNextSchema() throws IOException {
        SchemaManager manager = manager(fileIO);
        TableSchema v0 = manager.createTable(orders());
        TableSchema v1 = manager.commitChanges(addColumn("note", STRING()), setOption("file.format", "parquet"));
        TableSchema v2 = manager.commitChanges(List.of(dropColumn("amount")));
        assertThat(v1.id()).isEqualTo(1);
        assertThat(v2.id()).isEqualTo(2);
        assertThat(v2.fieldNames()).containsExactly("dt", "id", "note");
        assertThat(manager.commitChanges(List.of())).isEqualTo(v2);
        assertThat(schemaDirectory()).containsExactly("schema-0", "schema-1", "schema-2");

        SchemaManager fresh = new SchemaManager(fileIO, tablePath);
        assertThat(fresh.listAll()).containsExactly(v0, v1, v2);
        assertThat(fresh.listIds()).containsExactly(0L, 1L, 2L);
        assertThat(fresh.latest()).contains(v2);
    }

    @Test
    void anInvalidChangeWritesNothingAndNamesTheTable() throws IOException {
        SchemaManager manager = manager(fileIO);
        manager.createTable(orders());
        assertThatThrownBy(() -> manager.commitChanges(setOption("bucket", "3")))
                .hasMessageStartingWith("Table db.orders: cannot set option 'bucket' to '3'")
                .hasMessageContaining("overwrite");
        assertThat(schemaDirectory()).containsExactly("schema-0");
    }

    @Test
    void changingAMissingTableFails() {
        assertThatThrownBy(() -> manager(fileIO).commitChanges(addColumn("x", INT())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Table db.orders does not exist: there is no schema file in " + tablePath + "/schema");
        assertThatThrownBy(() -> manager(fileIO).schema(3))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("Table db.orders has no schema 3: " + tablePath + "/schema/schema-3 does not exist");
    }

    @Test
    void concurrentChangesFromFourThreadsAllLand() throws Exception {
        SchemaManager creator = manager(fileIO);
        TableSchema created = creator.createTable(orders());
        int threads = 4;
        int columnsPerThread = 5;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<TableSchema> committed = new ArrayList<>();
        FailingFileIO counting = new FailingFileIO(fileIO); // injects nothing; counts the publishes
        try {
            List<Future<List<TableSchema>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<TableSchema>> writer = () -> {
                    // a manager of its own, as another process would have
                    SchemaManager manager = new SchemaManager(counting, tablePath);
                    List<TableSchema> mine = new ArrayList<>();
                    start.await();
                    for (int c = 0; c < columnsPerThread; c++) {
                        mine.add(manager.commitChanges(addColumn("t" + thread + "_c" + c, INT())));
                    }
                    return mine;
                };
                results.add(pool.submit(writer));
            }
            for (Future<List<TableSchema>> result : results) {
                committed.addAll(result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        int changes = threads * columnsPerThread;
        TableSchema latest = creator.latest().orElseThrow();
        assertThat(latest.id()).isEqualTo(changes);
        assertThat(committed).extracting(TableSchema::id).doesNotHaveDuplicates().hasSize(changes);
        // nothing lost: every column of every thread is there, in each thread's order
        Set<String> expected = new HashSet<>(created.fieldNames());
        for (int t = 0; t < threads; t++) {
            for (int c = 0; c < columnsPerThread; c++) {
                expected.add("t" + t + "_c" + c);
            }
        }
        assertThat(latest.fieldNames()).containsExactlyInAnyOrderElementsOf(expected);
        // ids unique and handed out one by one
        assertThat(latest.fields()).extracting(DataField::id).doesNotHaveDuplicates();
        assertThat(latest.highestFieldId()).isEqualTo(created.highestFieldId() + changes);
        // each schema is its predecessor plus exactly one column
        List<TableSchema> all = creator.listAll();
        assertThat(all).hasSize(changes + 1);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).fieldNames()).hasSize(all.get(i - 1).fieldNames().size() + 1);
            assertThat(all.get(i).fieldNames()).containsAll(all.get(i - 1).fieldNames());
        }
        assertThat(schemaDirectory()).hasSize(changes + 1).allMatch(name -> name.matches("schema-\\d+"));
        // one publish per change, plus one per lost race
        assertThat(counting.calls(FailingFileIO.Kind.PUBLISH)).isGreaterThanOrEqualTo(changes);
    }

    @Test
    void aLostRaceIsRetriedOnTheWinnersSchema() throws IOException {
        manager(fileIO).createTable(orders());
        AtomicInteger races = new AtomicInteger(2);
        FileIO racing = new BeforePublish(fileIO, () -> {
            if (races.getAndDecrement() > 0) {
                manager(fileIO).commitChanges(addColumn("other_" + races.get(), INT()));
            }
        });
        TableSchema mine = manager(racing).commitChanges(addColumn("mine", STRING()));
        assertThat(mine.id()).isEqualTo(3);
        assertThat(mine.fieldNames()).containsExactly("dt", "id", "amount", "other_1", "other_0", "mine");
        assertThat(mine.rowType().field("mine").id()).isEqualTo(5);
    }

    @Test
    void aChangeThatNoLongerFitsTheWinnersSchemaFails() throws IOException {
        manager(fileIO).createTable(orders());
        FileIO racing = new BeforePublish(fileIO, () -> manager(fileIO).commitChanges(addColumn("note", INT())));
        assertThatThrownBy(() -> manager(racing).commitChanges(addColumn("note", STRING())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot add column 'note': column 'note' already exists");
        assertThat(manager(fileIO).latest().orElseThrow().rowType().field("note").type()).isEqualTo(INT());
    }

    @Test
    void givesUpAfterTheConfiguredRetries() throws IOException {
        manager(fileIO).createTable(Schema.newBuilder().column("a", INT()).option("commit.max-retries", "2").build());
        AtomicInteger n = new AtomicInteger();
        FileIO racing = new BeforePublish(fileIO, () -> manager(fileIO).commitChanges(addColumn("o" + n.incrementAndGet(), INT())));
        assertThatThrownBy(() -> manager(racing).commitChanges(addColumn("mine", INT())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Table db.orders: gave up committing the schema changes")
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("'commit.max-retries' = 2");
        assertThat(manager(fileIO).latest().orElseThrow().fieldNames()).doesNotContain("mine");
    }

    @Test
    void anUnknownOutcomeThatPublishedIsRecognizedAsOurs() throws IOException {
        manager(fileIO).createTable(orders());
        FailingFileIO failing = new FailingFileIO(fileIO).failNthPublish(1, PublishFailure.UNKNOWN_PUBLISHED);
        TableSchema mine = manager(failing).commitChanges(addColumn("x", INT()));
        assertThat(failing.injectedFailures()).isEqualTo(1);
        assertThat(mine.id()).isEqualTo(1);
        assertThat(schemaDirectory()).containsExactly("schema-0", "schema-1");
        assertThat(new SchemaManager(fileIO, tablePath).latest()).contains(mine);
    }

    @Test
    void anUnknownOutcomeThatDidNotPublishIsRetriedWithTheSameContent() throws IOException {
        manager(fileIO).createTable(orders());
        FailingFileIO failing = new FailingFileIO(fileIO)
                .failNthPublish(1, PublishFailure.UNKNOWN_NOT_PUBLISHED)
                .failNthPublish(2, PublishFailure.UNKNOWN_NOT_PUBLISHED);
        TableSchema mine = manager(failing).commitChanges(addColumn("x", INT()));
        assertThat(failing.calls(FailingFileIO.Kind.PUBLISH)).isEqualTo(3);
        assertThat(mine.id()).isEqualTo(1);
        // the clock was read once: the retries published the very same content
        assertThat(mine.timeMillis()).isEqualTo(1_002);
        assertThat(schemaDirectory()).containsExactly("schema-0", "schema-1");
    }

    @Test
    void anOutcomeThatStaysUnknownIsReportedAsUnknown() throws IOException {
        manager(fileIO).createTable(Schema.newBuilder().column("a", INT()).option("commit.max-retries", "1").build());
        FailingFileIO failing = new FailingFileIO(fileIO)
                .failNthPublish(1, PublishFailure.UNKNOWN_NOT_PUBLISHED)
                .failNthPublish(2, PublishFailure.UNKNOWN_NOT_PUBLISHED);
        assertThatThrownBy(() -> manager(failing).commitChanges(addColumn("x", INT())))
                .isInstanceOf(PublishOutcomeUnknownException.class);
        assertThat(schemaDirectory()).containsExactly("schema-0");
    }

    @Test
    void aFailedPublishLeavesNothingAndTheTableAsItWas() throws IOException {
        TableSchema created = manager(fileIO).createTable(orders());
        FailingFileIO failing = new FailingFileIO(fileIO).failNthPublish(1, PublishFailure.NOT_PUBLISHED);
        assertThatThrownBy(() -> manager(failing).commitChanges(addColumn("x", INT())))
                .isInstanceOf(IOException.class)
                .matches(FailingFileIO::isInjected);
        assertThat(schemaDirectory()).containsExactly("schema-0");
        assertThat(manager(fileIO).latest()).contains(created);

        // and the next attempt goes through
        assertThat(manager(failing).commitChanges(addColumn("x", INT())).id()).isEqualTo(1);
    }

    @Test
    void createTableRecognizesItsOwnSchemaAfterAnUnknownOutcome() throws IOException {
        FailingFileIO failing = new FailingFileIO(fileIO).failNthPublish(1, PublishFailure.UNKNOWN_PUBLISHED);
        TableSchema created = manager(failing).createTable(orders());
        assertThat(manager(fileIO).latest()).contains(created);
        assertThat(schemaDirectory()).containsExactly("schema-0");
    }

    @Test
    void randomFailuresNeverLoseACommittedChangeNorApplyOneTwice() throws IOException {
        manager(fileIO).createTable(Schema.newBuilder().column("a", INT()).option("commit.max-retries", "20").build());
        FailingFileIO failing = new FailingFileIO(fileIO).failRandomly(7, 0.3, FailingFileIO.Kind.PUBLISH, FailingFileIO.Kind.READ);
        List<String> landed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String column = "c" + i;
            try {
                manager(failing).commitChanges(addColumn(column, INT()));
                landed.add(column);
            } catch (PublishOutcomeUnknownException e) {
                unknown.add(column);
            } catch (IOException e) {
                assertThat(FailingFileIO.isInjected(e)).as("%s", e).isTrue();
            }
        }
        failing.disarm();
        TableSchema latest = manager(fileIO).latest().orElseThrow();
        assertThat(latest.fieldNames()).containsAll(landed);
        // each column appears at most once, though an unknown one may or may not have landed
        assertThat(latest.fieldNames()).doesNotHaveDuplicates();
        assertThat(landed).isNotEmpty();
        assertThat(schemaDirectory()).allMatch(name -> name.matches("schema-\\d+"));
        assertThat(manager(fileIO).listIds()).hasSize((int) latest.id() + 1);
    }

    @Test
    void aSchemaFileThatIsNotOneIsReportedWithItsPath() throws IOException {
        SchemaManager manager = manager(fileIO);
        fileIO.writeUtf8(manager.schemaPath(0), "{\"version\": 1}", false);
        assertThatThrownBy(manager::latest)
                .hasMessageContaining("Table db.orders: the schema file " + manager.schemaPath(0) + " cannot be read");
        String schemaOne = TableSchema.create(orders(), null, 1).toJson();
        fileIO.writeUtf8(manager.schemaPath(1), schemaOne, false);
        assertThatThrownBy(() -> manager.schema(1)).hasMessageContaining("holds schema id 0 instead of 1");
    }

    @Test
    void strayFilesInTheSchemaDirectoryAreIgnored() throws IOException {
        SchemaManager manager = manager(fileIO);
        TableSchema created = manager.createTable(orders());
        fileIO.writeUtf8(new Path(new Path(tablePath, "schema"), ".schema-1.1234.tmp"), "partial", false);
        fileIO.writeUtf8(new Path(new Path(tablePath, "schema"), "schema-01"), "not ours", false);
        fileIO.mkdirs(new Path(new Path(tablePath, "schema"), "schema-7"));
        assertThat(manager.listIds()).containsExactly(0L);
        assertThat(manager.latest()).contains(created);
    }

    @Test
    void tableNamesComeFromTheWarehouseLayout() {
        assertThat(SchemaManager.tableNameOf(new Path("/wh/sales.db/orders"))).isEqualTo("sales.orders");
        assertThat(SchemaManager.tableNameOf(new Path("s3a://bucket/tables/orders"))).isEqualTo("orders");
    }

    /** Runs an action (another writer's commit) before every publish, to make a writer lose races on purpose. */
    private static final class BeforePublish extends ForwardingFileIO {
        private static final long serialVersionUID = 1L;

        private final transient IOAction action;

        BeforePublish(FileIO delegate, IOAction action) {
            super(delegate);
            this.action = action;
        }

        @Override
        public PublishResult publish(Path target, byte[] content) throws IOException {
            action.run();
            return super.publish(target, content);
        }
    }

    @FunctionalInterface
    private interface IOAction {
        void run() throws IOException;
    }
}
