package io.tstore.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Checks that Flink's table planner and a local MiniCluster run in-process on the module's test
 * JVM, bound to loopback, and that SLF4J reaches a real binding (Log4j 2).
 */
class FlinkEnvironmentTest {

  @Test
  void runsABatchAggregationQuery() throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    // The BLOB server binds to the JobManager's bind host, which defaults to 0.0.0.0.
    conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
    conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
    TableEnvironment tEnv = TableEnvironment.create(
        EnvironmentSettings.newInstance().inBatchMode().withConfiguration(conf).build());

    List<String> rows = new ArrayList<>();
    CloseableIterator<Row> it = tEnv
        .executeSql("SELECT a, COUNT(*) FROM (VALUES (1), (1), (2)) AS t(a) GROUP BY a")
        .collect();
    try {
      it.forEachRemaining(row -> rows.add(row.getField(0) + ":" + row.getField(1)));
    } finally {
      it.close();
    }

    assertThat(rows).containsExactlyInAnyOrder("1:2", "2:1");
  }

  @Test
  void slf4jIsBoundToLog4j() {
    // With slf4j-api 1.7 beside a 2.x binding, SLF4J falls back to its no-op logger factory.
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
        .isEqualTo("org.apache.logging.slf4j.Log4jLoggerFactory");
  }
}
