package io.tstore.core.data;

import io.tstore.core.types.DataTypes;
import io.tstore.core.types.RowType;
import io.tstore.lsm.buffer.NormalizedKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizedKeysTest {

    @Test
    void prefixesNeverContradictTheComparator() {
        Random random = new Random(3);
        check(RowType.builder().field("k", DataTypes.BIGINT().notNull()).build(), r -> GenericRow.of(r.nextLong() >> r.nextInt(64)), true, random);
        check(RowType.builder().field("k", DataTypes.INT().notNull()).build(), r -> GenericRow.of(r.nextInt() >> r.nextInt(32)), true, random);
        check(RowType.builder().field("k", DataTypes.BIGINT()).build(),
                r -> GenericRow.of(r.nextInt(10) == 0 ? null : (Long) (long) r.nextInt(100) - 50), false, random);
        check(RowType.builder().field("k", DataTypes.STRING().notNull()).build(),
                r -> GenericRow.of(BinaryString.fromString(randomString(r))), false, random);
        check(RowType.builder().field("a", DataTypes.INT().notNull()).field("b", DataTypes.STRING().notNull()).build(),
                r -> GenericRow.of(r.nextInt(5), BinaryString.fromString(randomString(r))), false, random);
        assertThat(NormalizedKeys.forKeyType(RowType.builder().field("d", DataTypes.DOUBLE().notNull()).build())).isNull();
    }

    private static String randomString(Random r) {
        String alphabet = "ab\u00e9\u4e2d\uD83D\uDE00";
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(alphabet.length() - 1);
            sb.append(alphabet.charAt(c));
            if (Character.isHighSurrogate(alphabet.charAt(c))) {
                sb.append(alphabet.charAt(c + 1));
            }
        }
        return sb.toString().replaceAll("[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]", "");
    }

    private static void check(RowType keyType, Function<Random, GenericRow> keys, boolean exact, Random random) {
        NormalizedKey<BinaryRow> normalized = NormalizedKeys.forKeyType(keyType);
        assertThat(normalized).isNotNull();
        assertThat(normalized.isExact()).isEqualTo(exact);
        RowComparator comparator = new RowComparator(keyType);
        List<BinaryRow> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(InternalRows.toBinaryRow(keys.apply(random), keyType));
        }
        for (BinaryRow a : rows) {
            for (BinaryRow b : rows) {
                int byPrefix = Long.compare(normalized.prefix(a), normalized.prefix(b));
                int byComparator = Integer.signum(comparator.compare(a, b));
                if (byPrefix != 0) {
                    assertThat(byComparator).as("%s vs %s", a, b).isEqualTo(byPrefix);
                } else if (exact) {
                    assertThat(byComparator).as("%s vs %s", a, b).isZero();
                }
            }
        }
    }
}
