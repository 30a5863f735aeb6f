package io.tstore.trino;

import io.tstore.core.arch.ConnectorLayer;
import org.junit.jupiter.api.Test;

/** The Trino connector uses the core through its connector layer only (docs/java-api.md, "Writing a connector"). */
class TrinoArchitectureTest {
    @Test
    void usesTheConnectorLayerOnly() {
        ConnectorLayer.engineUsesConnectorLayerOnly("io.tstore.trino").check(ConnectorLayer.importPackages("io.tstore.trino"));
    }
}
