import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.util.ArrayList;
import java.util.List;

/**
 * The program FlinkBundleIT runs with java's source launcher, on Flink's own modules plus only the bundled tstore
 * jar: a batch TableEnvironment (a local cluster on loopback) runs the arguments as SQL statements and prints each
 * row of a SELECT as "row: " and its fields joined by '|'. Flink's public API only.
 */
public class BundleSmoke {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        conf.setString("jobmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.host", "127.0.0.1");
        TableEnvironment env = TableEnvironment.create(
                EnvironmentSettings.newInstance().inBatchMode().withConfiguration(conf).build());
        for (String statement : args) {
            TableResult result = env.executeSql(statement);
            if (!statement.startsWith("SELECT")) {
                result.await();
                continue;
            }
            try (CloseableIterator<Row> rows = result.collect()) {
                while (rows.hasNext()) {
                    Row row = rows.next();
                    List<String> fields = new ArrayList<>();
                    for (int i = 0; i < row.getArity(); i++) {
                        fields.add(String.valueOf(row.getField(i)));
                    }
                    System.out.println("row: " + String.join("|", fields));
                }
            }
        }
    }
}
