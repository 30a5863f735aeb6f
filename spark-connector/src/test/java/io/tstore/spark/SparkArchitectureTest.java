package io.tstore.spark;

import io.tstore.core.arch.ConnectorLayer;

import com.tngtech.archunit.base.DescribedPredicate;

import org.junit.jupiter.api.Test;

/** The Spark connector uses the core through its connector layer only (docs/java-api.md, "Writing a connector"). */
class SparkArchitectureTest {

    /**
     * TODO(connector-layer): CommitMessages writes commit messages with the format's file serializer until the
     * connector layer's commit-message serializer lands; then it goes, and so does this exclusion.
     */
    private static final String PENDING_COMMIT_MESSAGE_SERIALIZER = "io.tstore.spark.write.CommitMessages";

    @Test
    void usesTheConnectorLayerOnly() {
        ConnectorLayer.engineUsesConnectorLayerOnly("io.tstore.spark")
                .check(ConnectorLayer.importPackages("io.tstore.spark")
                        .that(DescribedPredicate.not(com.tngtech.archunit.core.domain.properties.HasName.Predicates.name(PENDING_COMMIT_MESSAGE_SERIALIZER))));
    }
}
