/**
 * The connector layer: what engines (Flink, Spark, Trino) need of a table beyond the {@link io.tstore.core.table}
 * interfaces, written once for all of them. An engine connector translates its own types and calls into these and
 * holds no table logic of its own; docs/java-api.md, "Writing a connector", lists the packages engines may use.
 */
package io.tstore.core.connector;
