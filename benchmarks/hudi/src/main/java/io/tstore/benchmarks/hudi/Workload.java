package io.tstore.benchmarks.hudi;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The keys of every commit, drawn once from the seed, and the model: for each key, the last commit that wrote it.
 * Commit 0 is the load of every key; commits 1..n are upserts of distinct keys, so a commit never carries two rows
 * of one key and "the last row written" is well defined for every system.
 */
public final class Workload {
    /** The Zipf exponent of {@code --pattern zipf}. */
    static final double ZIPF_EXPONENT = 0.99;

    private final BenchOptions options;
    private final long[][] keysOfCommit;
    private final int[] lastCommit;

    public Workload(BenchOptions options) {
        this.options = options;
        this.keysOfCommit = new long[options.commits() + 1][];
        this.lastCommit = new int[options.keys()];
        long[] all = new long[options.keys()];
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
        }
        keysOfCommit[0] = all;
        SplittableRandom random = new SplittableRandom(options.seed());
        ZipfKeys zipf = options.pattern() == BenchOptions.UpdatePattern.ZIPF
                ? new ZipfKeys(options.keys(), random.split()) : null;
        for (int c = 1; c <= options.commits(); c++) {
            keysOfCommit[c] = zipf == null ? uniform(random) : zipf.distinct(options.rowsPerCommit());
            for (long key : keysOfCommit[c]) {
                lastCommit[(int) key] = c;
            }
        }
    }

    public long[] keys(int commit) {
        return keysOfCommit[commit];
    }

    /** The model: the commit whose row of {@code key} every table must hold at the end. */
    public int lastCommit(int key) {
        return lastCommit[key];
    }

    public int[] lastCommits() {
        return lastCommit.clone();
    }

    public BenchOptions options() {
        return options;
    }

    /** A partial Fisher-Yates shuffle: {@code rowsPerCommit} distinct keys, uniformly. */
    private long[] uniform(SplittableRandom random) {
        int[] pool = new int[options.keys()];
        for (int k = 0; k < pool.length; k++) {
            pool[k] = k;
        }
        long[] keys = new long[options.rowsPerCommit()];
        for (int i = 0; i < keys.length; i++) {
            int j = i + random.nextInt(pool.length - i);
            int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
            keys[i] = pool[i];
        }
        return keys;
    }

    /** Keys by Zipf rank: rank r has weight 1/r^s; ranks map to keys by a fixed shuffle so hot keys spread. */
    private static final class ZipfKeys {
        private final double[] cumulative;
        private final int[] keyOfRank;
        private final SplittableRandom random;

        ZipfKeys(int keys, SplittableRandom random) {
            this.random = random;
            this.cumulative = new double[keys];
            double sum = 0;
            for (int r = 0; r < keys; r++) {
                sum += 1.0 / Math.pow(r + 1, ZIPF_EXPONENT);
                cumulative[r] = sum;
            }
            for (int r = 0; r < keys; r++) {
                cumulative[r] /= sum;
            }
            keyOfRank = new int[keys];
            for (int k = 0; k < keys; k++) {
                keyOfRank[k] = k;
            }
            for (int k = keys - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int swap = keyOfRank[k];
                keyOfRank[k] = keyOfRank[j];
                keyOfRank[j] = swap;
            }
        }

        /** Draws until {@code count} distinct keys are found: hot keys are in nearly every commit. */
        long[] distinct(int count) {
            boolean[] taken = new boolean[keyOfRank.length];
            long[] keys = new long[count];
            int found = 0;
            long draws = 0;
            long maxDraws = 200L * count + 1_000_000L;
            while (found < count) {
                if (++draws > maxDraws) {
                    throw new IllegalArgumentException(String.format(
                            "--pattern zipf could not draw %d distinct keys of %d in %d draws: lower --rows-per-commit",
                            count, keyOfRank.length, maxDraws));
                }
                int rank = Arrays.binarySearch(cumulative, random.nextDouble());
                rank = rank >= 0 ? rank : Math.min(-rank - 1, cumulative.length - 1);
                int key = keyOfRank[rank];
                if (!taken[key]) {
                    taken[key] = true;
                    keys[found++] = key;
                }
            }
            return keys;
        }
    }
}
