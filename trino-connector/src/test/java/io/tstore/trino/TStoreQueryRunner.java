package io.tstore.trino;

import io.trino.Session;
import io.trino.testing.DistributedQueryRunner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.trino.testing.TestingSession.testSessionBuilder;

/**
 * The real engine in-process for tests: a coordinator and one worker (two nodes, so every handle, split and
 * fragment crosses a JSON boundary), with the catalog {@code tstore} on a warehouse directory, installed through the
 * plugin.
 */
final class TStoreQueryRunner {
    static final String CATALOG = "tstore";

    private TStoreQueryRunner() {}

    static DistributedQueryRunner create(Path warehouse, Map<String, String> extraCatalogProperties) throws Exception {
        return create(warehouse, extraCatalogProperties, "db", 1);
    }

    /** The runner with {@code schema} as the session's schema and {@code workers} workers beside the coordinator. */
    static DistributedQueryRunner create(Path warehouse, Map<String, String> extraCatalogProperties, String schema, int workers) throws Exception {
        Session session = testSessionBuilder().setCatalog(CATALOG).setSchema(schema).build();
        DistributedQueryRunner runner = DistributedQueryRunner.builder(session)
                .setWorkerCount(workers)
                .addExtraProperty("query.max-memory", "1GB")
                .build();
        try {
            runner.installPlugin(new TStorePlugin());
            Map<String, String> properties = new HashMap<>(extraCatalogProperties);
            // A warehouse elsewhere (s3://...) comes as the property itself.
            properties.putIfAbsent("warehouse", warehouse.toUri().toString());
            runner.createCatalog(CATALOG, "tstore", properties);
            return runner;
        } catch (Exception | Error e) {
            runner.close();
            throw e;
        }
    }
}
