-- The tstore quickstart. Run it with
--   bin/tstore quickstart            (the same as: bin/tstore sql -f examples/quickstart.sql --max-rows 8)
-- It runs in the catalog 'tstore' on ./warehouse (or --warehouse DIR) and rebuilds quickstart.orders.

CREATE DATABASE IF NOT EXISTS quickstart;
USE quickstart;
DROP TABLE IF EXISTS orders;

-- A primary-key table partitioned by day, two buckets per partition. The lookup changelog producer
-- gives streaming readers a complete changelog: -U/+U for updates, -D for deletes.
CREATE TABLE orders (
  order_id BIGINT,
  dt       STRING,
  customer STRING,
  amount   DECIMAL(10, 2),
  PRIMARY KEY (order_id, dt) NOT ENFORCED
) PARTITIONED BY (dt) WITH (
  'bucket' = '2',
  'changelog-producer' = 'lookup'
);

-- The first snapshot: three orders over two days.
INSERT INTO orders VALUES
  (1, '2024-05-01', 'ada', 12.50),
  (2, '2024-05-01', 'bob', 7.00),
  (3, '2024-05-02', 'cy',  30.00);

-- An upsert: a row whose key exists replaces the old row.
INSERT INTO orders VALUES (1, '2024-05-01', 'ada', 15.00);

-- A row-level update.
UPDATE orders SET amount = amount * 2 WHERE order_id = 3;

-- A row-level delete.
DELETE FROM orders WHERE order_id = 2;

-- The latest state, and an aggregate over it.
SELECT * FROM orders ORDER BY order_id;
SELECT dt, COUNT(*) AS orders, SUM(amount) AS total FROM orders GROUP BY dt ORDER BY dt;

-- Every write committed a snapshot (and the lookup changelog producer's compactions may commit more).
SELECT snapshot_id, commit_kind FROM `orders$snapshots`;

-- Travel back in time: the table as snapshot 1 left it.
SELECT * FROM orders /*+ OPTIONS('scan.snapshot-id' = '1') */ ORDER BY order_id;

-- Subscribe to the changelog: snapshot 1 in full, then every change after it. A streaming query
-- runs until Ctrl-C; the quickstart stops it after 8 rows (--max-rows 8):
-- 3 inserts, the upsert and the update as -U/+U pairs, and the delete.
SET 'execution.runtime-mode' = 'streaming';
SELECT * FROM orders /*+ OPTIONS('scan.mode' = 'from-snapshot-full', 'scan.snapshot-id' = '1') */;
