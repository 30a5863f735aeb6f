package io.tstore.core.predicate;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.DATE;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.FLOAT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.TIME;
import static io.tstore.core.types.DataTypes.TIMESTAMP;
import static io.tstore.core.types.DataTypes.TIMESTAMP_LTZ;
import static io.tstore.core.types.DataTypes.TINYINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PredicateBuilderTest {
    private static final RowType ROW = RowType.builder()
            .field("tiny", TINYINT())
            .field("id", INT())
            .field("big", BIGINT())
            .field("f", FLOAT())
            .field("d", DOUBLE())
            .field("price", DECIMAL(5, 2))
            .field("name", STRING())
            .field("day", DATE())
            .field("time", TIME(3))
            .field("ts", TIMESTAMP(6))
            .field("ltz", TIMESTAMP_LTZ(3))
            .field("tags", ARRAY(INT()))
            .build();
    private static final PredicateBuilder B = new PredicateBuilder(ROW);

    private static Object literalOf(Predicate predicate) {
        return ((LeafPredicate) predicate).literal();
    }

    @Test
    void leavesKeepTheFieldPositionNameAndType() {
        LeafPredicate leaf = (LeafPredicate) B.lessThan("big", 5);
        assertThat(leaf.function()).isEqualTo(LeafFunction.LESS_THAN);
        assertThat(leaf.index()).isEqualTo(2);
        assertThat(leaf.fieldName()).isEqualTo("big");
        assertThat(leaf.type()).isEqualTo(BIGINT());
        assertThat(leaf).isEqualTo(B.lessThan(2, 5L));
    }

    @Test
    void convertsLiteralsThatDenoteAValueOfTheFieldType() {
        assertThat(literalOf(B.equal("big", 5))).isEqualTo(5L);
        assertThat(literalOf(B.equal("tiny", 5L))).isEqualTo((byte) 5);
        assertThat(literalOf(B.equal("id", (short) 5))).isEqualTo(5);
        assertThat(literalOf(B.equal("d", 1.5f))).isEqualTo(1.5);
        assertThat(literalOf(B.equal("d", 3))).isEqualTo(3.0);
        assertThat(literalOf(B.equal("f", 0.25))).isEqualTo(0.25f);
        assertThat(literalOf(B.equal("price", new BigDecimal("1.5")))).isEqualTo(Decimal.fromUnscaledLong(150, 5, 2));
        assertThat(literalOf(B.equal("price", 7))).isEqualTo(Decimal.fromUnscaledLong(700, 5, 2));
        assertThat(literalOf(B.equal("price", Decimal.fromUnscaledLong(15, 10, 1)))).isEqualTo(Decimal.fromUnscaledLong(150, 5, 2));
        assertThat(literalOf(B.equal("name", "abc"))).isEqualTo(BinaryString.fromString("abc"));
        assertThat(literalOf(B.equal("day", LocalDate.of(1970, 1, 11)))).isEqualTo(10);
        assertThat(literalOf(B.equal("time", LocalTime.of(0, 0, 1, 5_000_000)))).isEqualTo(1005);
        assertThat(literalOf(B.equal("ts", LocalDateTime.of(1970, 1, 1, 0, 0, 1)))).isEqualTo(Timestamp.fromEpochMillis(1000));
        assertThat(literalOf(B.equal("ltz", Instant.ofEpochMilli(-1)))).isEqualTo(Timestamp.fromEpochMillis(-1));
        assertThat(((LeafPredicate) B.in("big", Arrays.asList(1, null, 2L))).literals()).containsExactly(1L, null, 2L);
    }

    @Test
    void aLiteralOfAnotherTypeFailsNamingTheFieldItsTypeAndTheLiteral() {
        assertThatThrownBy(() -> B.equal("id", "five"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'")
                .hasMessageContaining("INT")
                .hasMessageContaining("five")
                .hasMessageContaining("String")
                .hasMessageContaining("expected a Byte, Short, Integer or Long");
        assertThatThrownBy(() -> B.in("name", List.of("a", 1)))
                .hasMessageContaining("'name'")
                .hasMessageContaining("Literal 1 (Integer)");
        assertThatThrownBy(() -> B.equal("ts", Instant.EPOCH))
                .hasMessageContaining("'ts' of type TIMESTAMP(6)")
                .hasMessageContaining("expected a Timestamp or LocalDateTime");
    }

    @Test
    void aLiteralThatDoesNotFitExactlyFails() {
        assertThatThrownBy(() -> B.equal("tiny", 300))
                .hasMessageContaining("'tiny' of type TINYINT")
                .hasMessageContaining("out of the range -128 to 127");
        assertThatThrownBy(() -> B.lessThan("price", new BigDecimal("1.005")))
                .hasMessageContaining("'price' of type DECIMAL(5, 2)")
                .hasMessageContaining("does not fit the type exactly");
        assertThatThrownBy(() -> B.lessThan("price", 1000)).hasMessageContaining("does not fit DECIMAL(5, 2)");
        assertThatThrownBy(() -> B.equal("f", 0.1)).hasMessageContaining("FLOAT cannot hold 0.1");
        assertThatThrownBy(() -> B.equal("d", Long.MAX_VALUE)).hasMessageContaining("DOUBLE cannot hold");
    }

    @Test
    void comparingWithNullFailsAndPointsToIsNull() {
        assertThatThrownBy(() -> B.equal("id", null))
                .hasMessageContaining("'id'")
                .hasMessageContaining("use isNull or isNotNull");
    }

    @Test
    void nestedFieldsOnlyTakeNullTests() {
        assertThat(B.isNull("tags")).hasToString("tags IS NULL");
        assertThatThrownBy(() -> B.equal("tags", List.of(1)))
                .hasMessageContaining("'tags' of type ARRAY<INT>")
                .hasMessageContaining("only IS NULL and IS NOT NULL apply");
        assertThatThrownBy(() -> B.in("tags", List.of(List.of(1)))).hasMessageContaining("cannot be compared");
    }

    @Test
    void unknownFieldsAndEmptyListsFail() {
        assertThatThrownBy(() -> B.equal("nope", 1))
                .hasMessageContaining("'nope'")
                .hasMessageContaining("[tiny, id, big");
        assertThatThrownBy(() -> B.equal(12, 1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("field 12")
                .hasMessageContaining("12 fields");
        assertThatThrownBy(() -> B.in("id", List.of()))
                .hasMessageContaining("IN on field 'id' needs at least one literal");
    }

    @Test
    void andOrFlattenAndKeepASinglePredicate() {
        Predicate a = B.equal("id", 1);
        Predicate b = B.equal("id", 2);
        Predicate c = B.equal("id", 3);
        assertThat(PredicateBuilder.and(a)).isSameAs(a);
        CompoundPredicate and = (CompoundPredicate) PredicateBuilder.and(a, PredicateBuilder.and(b, c));
        assertThat(and.children()).containsExactly(a, b, c);
        CompoundPredicate mixed = (CompoundPredicate) PredicateBuilder.or(a, PredicateBuilder.and(b, c));
        assertThat(mixed.children()).hasSize(2);
        assertThatThrownBy(() -> PredicateBuilder.or(List.of())).hasMessageContaining("OR needs at least one predicate");
    }

    @Test
    void negationPushesDownToTheLeaves() {
        Predicate predicate = PredicateBuilder.and(B.lessThan("id", 1), PredicateBuilder.or(B.isNull("name"), B.in("big", List.of(1))));
        assertThat(predicate.negate().orElseThrow())
                .hasToString("(id >= 1 OR (name IS NOT NULL AND big NOT IN (1)))");
    }
}
