package io.tstore.lsm.lookup;

import io.tstore.options.MemorySize;
import io.tstore.options.Options;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LookupOptionsTest {

    @Test
    void defaults() {
        Options options = Options.empty();
        assertThat(LookupOptions.cacheMaxDiskSize(options)).isEqualTo(MemorySize.parse("10 gb"));
        assertThat(LookupOptions.cacheFileRetention(options)).isEqualTo(Duration.ofHours(1));
        assertThat(LookupOptions.localFileBlockSize(options)).isEqualTo(16 * 1024);
        assertThat(LookupOptions.CACHE_MAX_DISK_SIZE.key()).isEqualTo("lookup.cache-max-disk-size");
        assertThat(LookupOptions.CACHE_FILE_RETENTION.key()).isEqualTo("lookup.cache-file-retention");
        assertThat(LookupOptions.LOCAL_FILE_BLOCK_SIZE.key()).isEqualTo("lookup.local-file-block-size");
    }

    @Test
    void parsesValues() {
        Options options = Options.of(
                "lookup.cache-max-disk-size", "256 mb",
                "lookup.cache-file-retention", "30 min",
                "lookup.local-file-block-size", "4 kb");
        assertThat(LookupOptions.cacheMaxDiskSize(options)).isEqualTo(MemorySize.ofMebiBytes(256));
        assertThat(LookupOptions.cacheFileRetention(options)).isEqualTo(Duration.ofMinutes(30));
        assertThat(LookupOptions.localFileBlockSize(options)).isEqualTo(4096);
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        assertThatThrownBy(() -> LookupOptions.localFileBlockSize(Options.of("lookup.local-file-block-size", "0 b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lookup.local-file-block-size");
        assertThatThrownBy(() -> LookupOptions.localFileBlockSize(Options.of("lookup.local-file-block-size", "2 gb")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lookup.local-file-block-size");
        assertThatThrownBy(() -> LookupOptions.cacheFileRetention(Options.of("lookup.cache-file-retention", "0 ms")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lookup.cache-file-retention");
        assertThatThrownBy(() -> LookupOptions.cacheMaxDiskSize(Options.of("lookup.cache-max-disk-size", "lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lookup.cache-max-disk-size");
    }
}
