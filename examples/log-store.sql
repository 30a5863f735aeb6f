-- The log store with nothing installed. Run it with
--   bin/tstore quickstart --log      (the same as: bin/tstore sql --embedded-kafka -f examples/log-store.sql --max-rows 7)
-- --embedded-kafka starts a Kafka broker inside the shell, on 127.0.0.1, with its data under the warehouse
-- (./warehouse/.embedded-kafka, the same port every session), and makes it the default 'kafka.bootstrap.servers'
-- of the new tables of the catalog 'tstore'. The script rebuilds quickstart.orders_log.

CREATE DATABASE IF NOT EXISTS quickstart;
USE quickstart;
-- Dropping a table with a log deletes its topic too.
DROP TABLE IF EXISTS orders_log;

-- A primary-key table whose changelog also goes to a Kafka topic: tstore.quickstart.orders_log, created with
-- the table, with one partition per bucket. No 'kafka.bootstrap.servers': the catalog's default is the
-- embedded broker. 'log.consistency' = 'transactional' (the default) commits the log with each snapshot.
CREATE TABLE orders_log (
  order_id BIGINT,
  customer STRING,
  amount   DECIMAL(10, 2),
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH (
  'bucket' = '2',
  'log.system' = 'kafka'
);

-- The table's options: the broker's address came from the catalog.
SELECT * FROM `orders_log$options`;

-- An insert, an upsert and a delete, each a snapshot.
INSERT INTO orders_log VALUES (1, 'ada', 12.50), (2, 'bob', 7.00), (3, 'cy', 30.00);
INSERT INTO orders_log VALUES (1, 'ada', 15.00), (4, 'dee', 3.25);
DELETE FROM orders_log WHERE order_id = 2;

-- The latest state, read from the table's files (the snapshots stay the source of truth).
SELECT * FROM orders_log ORDER BY order_id;

-- The snapshots. Each records where the log of each bucket ended when it was committed (log_offsets: bucket ->
-- next offset), so that a reader can switch from the files to the log with no gap and no duplicate.
SELECT snapshot_id, commit_kind, total_record_count, delta_record_count, log_offsets FROM `orders_log$snapshots`;

-- Subscribe to the changelog through the log: snapshot 1's files in full, then every change after it from
-- Kafka, as soon as it is committed there (the log, not the next snapshot). A streaming query runs until
-- Ctrl-C; the quickstart stops it after 7 rows (--max-rows 7): +I for snapshot 1, then the upsert of order 1
-- (-U/+U), the insert of order 4, and the delete of order 2.
SET 'execution.runtime-mode' = 'streaming';
SELECT * FROM orders_log /*+ OPTIONS('scan.mode' = 'from-snapshot-full', 'scan.snapshot-id' = '1') */;
