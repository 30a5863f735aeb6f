package io.tstore.log.kafka;

import io.tstore.core.options.OptionsDocs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The table of Kafka options in docs/log-store.md is generated from {@link KafkaOptions}. */
class KafkaOptionsDocsTest {
    private static final Path PAGE = Path.of("..", "docs", "log-store.md");
    private static final String START = "<!-- kafka-options:start (generated from io.tstore.log.kafka.KafkaOptions; checked by KafkaOptionsDocsTest) -->\n";
    private static final String END = "<!-- kafka-options:end -->";

    @Test
    void theKafkaOptionsOnThePageMatchTheCode() throws IOException {
        String page = Files.readString(PAGE);
        int start = page.indexOf(START);
        int end = page.indexOf(END);
        assertThat(start).as("docs/log-store.md has the kafka-options markers").isNotNegative();
        assertThat(end).isGreaterThan(start);
        String generated = page.substring(0, start + START.length()) + OptionsDocs.table(KafkaOptions.all()) + page.substring(end);
        if (Boolean.getBoolean("tstore.docs.regenerate")) {
            Files.writeString(PAGE, generated);
        }
        assertThat(Files.readString(PAGE))
                .as("the Kafka options in docs/log-store.md are stale: regenerate them with ./mvnw -B -q -o -pl log-store -am "
                        + "test -Dtest=KafkaOptionsDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dtstore.docs.regenerate=true")
                .isEqualTo(generated);
    }
}
