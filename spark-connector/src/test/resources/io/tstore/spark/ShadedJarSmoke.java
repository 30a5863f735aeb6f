import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * The program SparkShadedJarIT runs with java's source launcher, on Spark's own class path plus only the shaded
 * tstore jar: a local SparkSession with the tstore catalog on the warehouse of the first argument runs the other
 * arguments as SQL statements and prints each row as "row: " and its values joined by '|'.
 * It uses Spark's public API only, so the same file runs on every Spark line.
 */
public class ShadedJarSmoke {
    public static void main(String[] args) {
        String warehouse = args[0];
        SparkSession spark = SparkSession.builder()
                .appName("tstore-shaded-jar")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.warehouse.dir", warehouse + "/spark")
                .config("spark.sql.catalog.tstore", "io.tstore.spark.SparkCatalog")
                .config("spark.sql.catalog.tstore.warehouse", warehouse + "/tstore")
                .getOrCreate();
        try {
            System.out.println("spark: " + spark.version());
            for (int i = 1; i < args.length; i++) {
                List<Row> rows = spark.sql(args[i]).collectAsList();
                for (Row row : rows) {
                    System.out.println("row: " + row.mkString("|"));
                }
            }
        } finally {
            spark.stop();
        }
    }
}
