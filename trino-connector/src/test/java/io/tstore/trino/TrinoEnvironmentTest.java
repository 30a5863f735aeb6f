package io.tstore.trino;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import org.junit.jupiter.api.Test;

/**
 * Checks the module's JDK arrangement: compiled by javac 25, run on a Java 25 JVM with the
 * incubating Vector API that Trino's engine needs, and able to use Trino's SPI (class version 69).
 */
class TrinoEnvironmentTest {

  @Test
  void runsOnJava25WithTheVectorApi() {
    assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(25);
    assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
  }

  @Test
  void buildsAndReadsAPageThroughTheSpi() {
    BlockBuilder ids = BIGINT.createBlockBuilder(null, 3);
    BIGINT.writeLong(ids, 7L);
    ids.appendNull();
    BIGINT.writeLong(ids, -42L);

    BlockBuilder names = VARCHAR.createBlockBuilder(null, 3);
    VARCHAR.writeString(names, "seven");
    VARCHAR.writeString(names, "none");
    VARCHAR.writeString(names, "minus forty-two");

    Page page = new Page(ids.build(), names.build());

    assertThat(page.getChannelCount()).isEqualTo(2);
    assertThat(page.getPositionCount()).isEqualTo(3);
    Block idBlock = page.getBlock(0);
    Block nameBlock = page.getBlock(1);
    assertThat(BIGINT.getLong(idBlock, 0)).isEqualTo(7L);
    assertThat(idBlock.isNull(1)).isTrue();
    assertThat(BIGINT.getLong(idBlock, 2)).isEqualTo(-42L);
    assertThat(VARCHAR.getSlice(nameBlock, 2).toStringUtf8()).isEqualTo("minus forty-two");

    Page tail = page.getRegion(1, 2);
    assertThat(tail.getPositionCount()).isEqualTo(2);
    assertThat(BIGINT.getLong(tail.getBlock(0), 1)).isEqualTo(-42L);
  }
}
