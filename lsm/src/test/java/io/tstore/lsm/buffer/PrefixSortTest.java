package io.tstore.lsm.buffer;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PrefixSortTest {

    /** The model: a stable sort of the indexes by their keys. */
    private static int[] stableOrder(int n, Comparator<Integer> byKey) {
        return IntStream.range(0, n).boxed().sorted(byKey).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void exactPrefixesSortStablyLikeAComparisonSort() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(2000);
            long[] prefixes = new long[n];
            long range = switch (round % 4) {
                case 0 -> 10;
                case 1 -> 1L << 20;
                case 2 -> 1L << 40;
                default -> Long.MAX_VALUE;
            };
            for (int i = 0; i < n; i++) {
                long value = round % 4 == 3 ? random.nextLong() : (long) (random.nextDouble() * range) - range / 2;
                if (random.nextInt(50) == 0) {
                    value = random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
                }
                prefixes[i] = value;
            }
            int[] expected = stableOrder(n, Comparator.comparingLong(i -> prefixes[i]));
            assertThat(PrefixSort.sort(prefixes, n, null)).as("round %d, %d prefixes", round, n).isEqualTo(expected);
        }
    }

    @Test
    void inexactPrefixesFallBackToTheComparatorOnTies() {
        Random random = new Random(12);
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(3000);
            long[] keys = new long[n];
            long[] prefixes = new long[n];
            int spread = 1 + random.nextInt(1000);
            for (int i = 0; i < n; i++) {
                keys[i] = random.nextInt(spread) - spread / 2;
                // A prefix that keeps the order but not every difference: ties need the comparator.
                prefixes[i] = Math.floorDiv(keys[i], 1 + round % 50);
            }
            int[] expected = stableOrder(n, Comparator.comparingLong(i -> keys[i]));
            int[] actual = PrefixSort.sort(prefixes, n, (a, b) -> Long.compare(keys[a], keys[b]));
            assertThat(actual).as("round %d, %d keys", round, n).isEqualTo(expected);
        }
    }

    @Test
    void noPrefixesAtAllSortByTheComparatorAlone() {
        long[] keys = {5, 3, 5, 1, 3, 9, 0};
        int[] actual = PrefixSort.sort(new long[keys.length], keys.length, (a, b) -> Long.compare(keys[a], keys[b]));
        assertThat(actual).containsExactly(6, 3, 1, 4, 0, 2, 5);
        assertThat(PrefixSort.sort(new long[0], 0, null)).isEmpty();
        assertThat(Arrays.stream(PrefixSort.sort(new long[] {7}, 1, null))).containsExactly(0);
    }
}
