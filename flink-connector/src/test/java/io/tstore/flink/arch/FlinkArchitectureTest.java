package io.tstore.flink.arch;

import io.tstore.core.arch.ConnectorLayer;
import org.junit.jupiter.api.Test;

/** The Flink connector is built on the core's connector layer only, and its packages have no cycles. */
class FlinkArchitectureTest {

    @Test
    void usesTheConnectorLayerOnly() {
        ConnectorLayer.engineUsesConnectorLayerOnly("io.tstore.flink")
                .check(ConnectorLayer.importPackages("io.tstore.flink"));
    }
}
