package io.tstore.lsm.buffer;

import java.util.Arrays;

/**
 * Sorts the records of the write buffer by their normalized key prefixes: a stable least-significant-digit radix
 * sort of the prefixes, byte by byte (bytes that all prefixes share are skipped), then, where prefixes are not
 * exact, a sort of each run of equal prefixes with the key comparator. Stable throughout: records of equal keys
 * stay in the order they arrived, which is their sequence order.
 *
 * <p>A radix sort moves ints in arrays; sorting record objects with a comparator, as before, was a third of a
 * flush, most of it spent in the comparator and in cache misses on the objects.
 */
final class PrefixSort {
    private PrefixSort() {}

    /** Compares the keys of two records, given by their index in arrival order. */
    @FunctionalInterface
    interface IndexComparator {
        int compare(int a, int b);
    }

    /**
     * The indexes 0..n-1 in the order of their records.
     *
     * @param prefixes the normalized prefix of each record, as a signed long
     * @param ties compares records of equal prefixes, or null when equal prefixes mean equal keys
     */
    static int[] sort(long[] prefixes, int n, IndexComparator ties) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (n < 2) {
            return order;
        }
        int[][] counts = new int[Long.BYTES][256];
        for (int i = 0; i < n; i++) {
            long key = prefixes[i] ^ Long.MIN_VALUE;
            for (int digit = 0; digit < Long.BYTES; digit++) {
                counts[digit][(int) (key >>> (8 * digit)) & 0xFF]++;
            }
        }
        int[] scratch = new int[n];
        for (int digit = 0; digit < Long.BYTES; digit++) {
            int[] count = counts[digit];
            int shift = 8 * digit;
            if (count[(int) ((prefixes[0] ^ Long.MIN_VALUE) >>> shift) & 0xFF] == n) {
                continue; // every prefix has this byte: the pass would change nothing
            }
            int sum = 0;
            for (int b = 0; b < 256; b++) {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int index = order[i];
                scratch[count[(int) ((prefixes[index] ^ Long.MIN_VALUE) >>> shift) & 0xFF]++] = index;
            }
            int[] swap = order;
            order = scratch;
            scratch = swap;
        }
        if (ties != null) {
            sortTies(prefixes, order, ties);
        }
        return order;
    }

    /** Sorts each run of equal prefixes with the comparator; the index breaks ties, keeping the sort stable. */
    private static void sortTies(long[] prefixes, int[] order, IndexComparator ties) {
        int n = order.length;
        int start = 0;
        while (start < n) {
            long prefix = prefixes[order[start]];
            int end = start + 1;
            while (end < n && prefixes[order[end]] == prefix) {
                end++;
            }
            if (end - start > 1) {
                sortRange(order, start, end, ties);
            }
            start = end;
        }
    }

    private static void sortRange(int[] order, int from, int to, IndexComparator ties) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int index = order[i];
                int j = i - 1;
                while (j >= from && compare(ties, order[j], index) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = index;
            }
            return;
        }
        Integer[] boxed = new Integer[to - from];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = order[from + i];
        }
        Arrays.sort(boxed, (a, b) -> compare(ties, a, b));
        for (int i = 0; i < boxed.length; i++) {
            order[from + i] = boxed[i];
        }
    }

    private static int compare(IndexComparator ties, int a, int b) {
        int c = ties.compare(a, b);
        return c != 0 ? c : Integer.compare(a, b);
    }
}
