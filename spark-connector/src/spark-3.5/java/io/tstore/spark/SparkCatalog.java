package io.tstore.spark;

/**
 * The tstore catalog of Spark 3.5 ({@link SparkCatalogBase}). Spark 3.5 has no procedures of its own: the
 * maintenance procedures are called through the optional session extension
 * ({@code io.tstore.spark.extensions.TStoreSparkSessionExtensions}).
 */
public class SparkCatalog extends SparkCatalogBase {}
