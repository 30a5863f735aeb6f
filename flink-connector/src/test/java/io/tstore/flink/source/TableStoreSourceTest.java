package io.tstore.flink.source;

import io.tstore.core.connector.ReadDescription;
import io.tstore.core.connector.TableHandle;
import io.tstore.core.catalog.FileSystemCatalog;
import io.tstore.core.table.Identifier;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.GenericRow;
import io.tstore.core.predicate.PredicateBuilder;
import io.tstore.core.schema.Schema;
import io.tstore.core.table.FileStoreTable;
import io.tstore.core.table.TableWrite;
import io.tstore.core.types.DataTypes;
import io.tstore.flink.MiniClusters;
import io.tstore.lsm.RowKind;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.VarCharType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static io.tstore.core.table.TableTestSupport.assertNoOrphanAndNoMissingFiles;
import static org.assertj.core.api.Assertions.assertThat;

/** Bounded reads of the FLIP-27 source through the DataStream API, checked against a model of the table. */
class TableStoreSourceTest {

    @TempDir
    Path dir;

    @Test
    void boundedReadReturnsTheMergedTableAcrossBucketsAndPartitions() throws Exception {
        FileStoreTable table = createTable();
        TreeMap<Long, String> model = writeRandomCommits(table, 5, 400, new Random(7));

        List<String> rows = read(table, ReadDescription.ALL, 3,
                new LogicalType[] {new BigIntType(false), new IntType(false), new VarCharType(true, VarCharType.MAX_LENGTH)});

        List<String> expected = new ArrayList<>();
        model.forEach((id, name) -> expected.add("+I(" + id + "," + partOf(id) + "," + name + ")"));
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        assertNoOrphanAndNoMissingFiles(table);
    }

    @Test
    void boundedReadAppliesProjectionAndFilter() throws Exception {
        FileStoreTable table = createTable();
        TreeMap<Long, String> model = writeRandomCommits(table, 3, 300, new Random(11));
        PredicateBuilder where = new PredicateBuilder(table.rowType());

        ReadDescription spec = ReadDescription.all().withProjection(new int[] {2, 0}).withFilter(PredicateBuilder.and(where.equal("part", 1), where.lessThan("id", 200L)));
        List<String> rows = read(table, spec, 2,
                new LogicalType[] {new VarCharType(true, VarCharType.MAX_LENGTH), new BigIntType(false)});

        List<String> expected = new ArrayList<>();
        model.forEach((id, name) -> {
            if (partOf(id) == 1 && id < 200) {
                expected.add("+I(" + name + "," + id + ")");
            }
        });
        assertThat(expected).isNotEmpty();
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void streamingReadRecoversFromFailuresExactlyOnce() throws Exception {
        FileStoreTable table = createTable();
        TreeMap<Long, String> model = new TreeMap<>();
        String user = UUID.randomUUID().toString();
        var commit = table.newCommit(user);
        for (int c = 0; c < 3; c++) {
            try (TableWrite write = table.newWrite(false)) {
                for (long id = c * 3000L; id < (c + 1) * 3000L; id++) {
                    write.write(GenericRow.of(id, partOf(id), BinaryString.fromString("n" + id)));
                    model.put(id, "n" + id);
                }
                commit.commit(c, write.prepareCommit(true));
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(MiniClusters.loopback());
        env.setParallelism(2);
        env.enableCheckpointing(100);
        env.getConfig().setAutoWatermarkInterval(0);
        org.apache.flink.configuration.Configuration restart = new org.apache.flink.configuration.Configuration();
        restart.setString("restart-strategy.type", "fixed-delay");
        restart.setString("restart-strategy.fixed-delay.attempts", "10");
        restart.setString("restart-strategy.fixed-delay.delay", "10 ms");
        env.configure(restart);
        FailingMap.reset(2500, 3);
        TableStoreSource source = new TableStoreSource(TableHandle.of(table.copy(Map.of("scan.mode", "from-snapshot-full",
                "scan.snapshot-id", "1"))), table.rowType(), ReadDescription.ALL, true, 50);
        LogicalType[] types = {new BigIntType(false), new IntType(false), new VarCharType(true, VarCharType.MAX_LENGTH)};
        TreeMap<Long, String> state = new TreeMap<>();
        try (var it = env.fromSource(source, WatermarkStrategy.noWatermarks(), "tstore", InternalTypeInfo.ofFields(types))
                .map(new FailingMap(types))
                .executeAndCollect()) {
            while (!state.equals(model)) {
                String row = it.next();
                assertThat(row).startsWith("+I(");
                String[] fields = row.substring(3, row.length() - 1).split(",");
                assertThat(state.put(Long.parseLong(fields[0]), fields[2])).as("duplicate %s", row).isNull();
            }
        }
        assertThat(FailingMap.failures.get()).isEqualTo(3);
    }

    /** Formats rows, and fails the job a few times after some rows, so that it restores from checkpoints. */
    static final class FailingMap implements org.apache.flink.api.common.functions.MapFunction<RowData, String> {
        static final java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
        static final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        static volatile long every;
        static volatile int maxFailures;
        private final LogicalType[] types;

        FailingMap(LogicalType[] types) {
            this.types = types;
        }

        static void reset(long everyRows, int failuresWanted) {
            seen.set(0);
            failures.set(0);
            every = everyRows;
            maxFailures = failuresWanted;
        }

        @Override
        public String map(RowData row) {
            if (seen.incrementAndGet() % every == 0 && failures.get() < maxFailures) {
                failures.incrementAndGet();
                throw new IllegalStateException("injected failure");
            }
            return format(row, types);
        }
    }

    private static List<String> read(FileStoreTable table, ReadDescription spec, int parallelism, LogicalType[] types)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(MiniClusters.loopback());
        env.setParallelism(parallelism);
        TableStoreSource source = new TableStoreSource(TableHandle.of(table), table.rowType(), spec, false, 0);
        List<String> rows = new ArrayList<>();
        try (var it = env.fromSource(source, WatermarkStrategy.noWatermarks(), "tstore", InternalTypeInfo.ofFields(types))
                .executeAndCollect()) {
            it.forEachRemaining(row -> rows.add(format(row, types)));
        }
        return rows;
    }

    static String format(RowData row, LogicalType[] types) {
        StringBuilder text = new StringBuilder(row.getRowKind().shortString()).append('(');
        for (int i = 0; i < types.length; i++) {
            text.append(i == 0 ? "" : ",").append(RowData.createFieldGetter(types[i], i).getFieldOrNull(row));
        }
        return text.append(')').toString();
    }

    private FileStoreTable createTable() throws Exception {
        FileSystemCatalog catalog = FileSystemCatalog.create(dir.toString(), Map.of());
        catalog.createDatabase("db", true);
        Identifier id = Identifier.of("db", "t");
        catalog.createTable(id, Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("part", DataTypes.INT())
                .column("name", DataTypes.STRING())
                .primaryKey("id", "part")
                .partitionKeys("part")
                .option("bucket", "3")
                .build(), false);
        return catalog.getTable(id);
    }

    static int partOf(long id) {
        return (int) (id % 2);
    }

    /** Random upserts and deletes in several commits; returns the expected table. */
    private static TreeMap<Long, String> writeRandomCommits(FileStoreTable table, int commits, int keys, Random random)
            throws Exception {
        TreeMap<Long, String> model = new TreeMap<>();
        String user = UUID.randomUUID().toString();
        var commit = table.newCommit(user);
        for (int c = 0; c < commits; c++) {
            try (TableWrite write = table.newWrite(false)) {
                for (int i = 0; i < keys; i++) {
                    long id = random.nextInt(keys);
                    if (random.nextInt(5) == 0) {
                        GenericRow row = GenericRow.of(id, partOf(id), null);
                        row.setRowKind(RowKind.DELETE);
                        write.write(row);
                        model.remove(id);
                    } else {
                        String name = "n" + random.nextInt(1000);
                        write.write(GenericRow.of(id, partOf(id), BinaryString.fromString(name)));
                        model.put(id, name);
                    }
                }
                commit.commit(c, write.prepareCommit(true));
            }
        }
        return model;
    }
}
