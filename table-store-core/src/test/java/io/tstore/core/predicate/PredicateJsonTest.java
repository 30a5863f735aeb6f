package io.tstore.core.predicate;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A predicate read back from its JSON form equals the one written and selects the same rows. */
class PredicateJsonTest {

    @Test
    void randomPredicatesOfEveryTypeRoundTripExactly() {
        for (long seed = 0; seed < 300; seed++) {
            RandomPredicates random = new RandomPredicates(seed);
            Predicate predicate = random.predicate(3, true);
            String json = PredicateJson.toJson(predicate);
            Predicate read = PredicateJson.fromJson(json);
            assertThat(read).as("seed %d: %s", seed, json).isEqualTo(predicate);
            for (GenericRow row : random.rows(20)) {
                assertThat(read.test(row)).as("seed %d, row %s", seed, row).isEqualTo(predicate.test(row));
            }
        }
    }

    @Test
    void literalsKeepTheirExactValues() {
        RowType type = RowType.builder()
                .field("f", DataTypes.FLOAT())
                .field("d", DataTypes.DOUBLE())
                .field("dec", DataTypes.DECIMAL(38, 10))
                .field("ts", DataTypes.TIMESTAMP(9))
                .field("s", DataTypes.STRING())
                .field("bin", DataTypes.BYTES())
                .build();
        PredicateBuilder where = new PredicateBuilder(type);
        Predicate predicate = PredicateBuilder.or(
                where.in("f", Arrays.asList(Float.NaN, Float.NEGATIVE_INFINITY, 0.1f, -0.0f, null)),
                where.equal("d", Double.MIN_VALUE),
                where.greaterThan("dec", Decimal.fromBigDecimal(new BigDecimal("1234567890123456789012345678.0123456789"), 38, 10)),
                where.lessThan("ts", Timestamp.fromEpochMillis(-1_234_567L, 999_999)),
                where.equal("s", BinaryString.fromString("ünï\"cödé\n")),
                where.equal("bin", new byte[] {0, -1, 127, -128}));
        String json = PredicateJson.toJson(predicate);
        assertThat(json).contains("\"version\":1", "\"NaN\"", "\"-Infinity\"", "1234567890123456789012345678.0123456789",
                "\"nanoOfMillisecond\":999999", "AP9/gA==");
        assertThat(PredicateJson.fromJson(json)).isEqualTo(predicate);
        Predicate read = PredicateJson.fromJson(json);
        GenericRow row = GenericRow.of(null, null, null, null, null, new byte[] {0, -1, 127, -128});
        assertThat(read.test(row)).isTrue();
        assertThat(((LeafPredicate) ((CompoundPredicate) read).children().get(0)).literals())
                .containsExactly(Float.NaN, Float.NEGATIVE_INFINITY, 0.1f, -0.0f, null);
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertThatThrownBy(() -> PredicateJson.fromJson("{\"version\": 2, \"predicate\": {}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2").hasMessageContaining("reads version 1");
        assertThatThrownBy(() -> PredicateJson.fromJson("not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid JSON");
        String leaf = "{\"version\":1,\"predicate\":{\"function\":\"%s\",\"index\":0,\"field\":\"x\",\"type\":\"INT\",\"literals\":%s}}";
        assertThatThrownBy(() -> PredicateJson.fromJson(String.format(leaf, "LIKE", "[1]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown predicate function \"LIKE\"");
        assertThatThrownBy(() -> PredicateJson.fromJson(String.format(leaf, "EQUAL", "[\"one\"]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"one\"").hasMessageContaining("field 'x'");
        assertThatThrownBy(() -> PredicateJson.fromJson(String.format(leaf, "EQUAL", "[]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes one literal");
        assertThatThrownBy(() -> PredicateJson.fromJson("{\"version\":1,\"predicate\":{\"kind\":\"XOR\",\"children\":[]}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown predicate kind");
        assertThatThrownBy(() -> PredicateJson.fromJson("{\"version\":1,\"predicate\":{\"function\":\"EQUAL\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no 'index'");
        assertThat(PredicateJson.fromJson(String.format(leaf, "IN", "[1, null, 3]")))
                .isEqualTo(new PredicateBuilder(RowType.builder().field("x", DataTypes.INT()).build()).in("x", Arrays.asList(1, null, 3)));
    }
}
