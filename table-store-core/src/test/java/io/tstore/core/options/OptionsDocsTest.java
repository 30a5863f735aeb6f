package io.tstore.core.options;

import io.tstore.options.ConfigOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsDocsTest {
    /** The module's tests run in table-store-core/, the page lives at the repository root. */
    private static final Path PAGE = Path.of("..", "docs", "options.md");

    @Test
    void theReferencePageMatchesTheCode() throws IOException {
        String generated = OptionsDocs.generate();
        if (Boolean.getBoolean("tstore.docs.regenerate")) {
            Files.writeString(PAGE, generated);
        }
        assertThat(PAGE).exists();
        assertThat(Files.readString(PAGE))
                .as("docs/options.md is stale: regenerate it with "
                        + "./mvnw -B -q -pl table-store-core -am test -Dtest=OptionsDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dtstore.docs.regenerate=true")
                .isEqualTo(generated);
    }

    @Test
    void everyOptionHasADescriptionAndAUniqueKey() {
        Set<String> keys = new HashSet<>();
        for (ConfigOption<?> option : TableOptions.all()) {
            assertThat(option.description()).as(option.key()).isNotBlank();
            assertThat(keys.add(option.key())).as("duplicate key %s", option.key()).isTrue();
        }
    }

    @Test
    void unknownKeysAndBadValuesAreErrorsNamingTheOwnerKeyAndValue() {
        assertThatThrownBy(() -> TableOptions.validator().validate(Map.of("buckets", "4", "bucket", "2"), "table db.t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table db.t")
                .hasMessageContaining("'buckets'");
        assertThatThrownBy(() -> TableOptions.validator().validate(Map.of("bucket", "four"), "table db.t"))
                .hasMessageContaining("table db.t")
                .hasMessageContaining("'four'")
                .hasMessageContaining("'bucket'");
        assertThatThrownBy(() -> TableOptions.validator().validate(Map.of("merge-engine", "latest"), "table db.t"))
                .hasMessageContaining("'latest'")
                .hasMessageContaining("deduplicate");
    }

    @Test
    void templatesAcceptAnyPlaceholderValue() {
        TableOptions.validator().validate(
                Map.of("fields.price.aggregate-function", "sum", "merge-engine", "aggregation", "file.format", "PARQUET"), "table db.t");
        ConfigOption<String> price = CoreOptions.FIELD_AGGREGATE_FUNCTION.resolve("price");
        assertThat(price.key()).isEqualTo("fields.price.aggregate-function");
        assertThat(CoreOptions.FIELD_AGGREGATE_FUNCTION.placeholderValue("fields.price.aggregate-function")).isEqualTo("price");
        assertThat(CoreOptions.FIELD_AGGREGATE_FUNCTION.matches("fields..aggregate-function")).isFalse();
    }
}
