package io.tstore.spark;

import io.tstore.core.arch.ConnectorLayer;

import org.junit.jupiter.api.Test;

/** The Spark connector uses the core through its connector layer only (docs/java-api.md, "Writing a connector"). */
class SparkArchitectureTest {

    @Test
    void usesTheConnectorLayerOnly() {
        ConnectorLayer.engineUsesConnectorLayerOnly("io.tstore.spark")
                .check(ConnectorLayer.importPackages("io.tstore.spark"));
    }
}
