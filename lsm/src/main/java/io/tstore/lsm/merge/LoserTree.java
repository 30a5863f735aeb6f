package io.tstore.lsm.merge;

import io.tstore.lsm.RecordReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Merges k sorted readers into one sorted reader with a loser tree (a tournament tree that keeps the loser of
 * each match in the inner node). Taking the next record replays only the path from one leaf to the root, so a
 * record costs about log2(k) comparisons, against about 2 log2(k) for a binary heap.
 *
 * <p>Records that compare equal come out in the order of their readers' indexes.
 */
public final class LoserTree<T> implements RecordReader<T> {
    private final List<RecordReader<T>> readers;
    private final Comparator<? super T> comparator;
    private final int k;
    /** tree[0] holds the overall winner; tree[1..k-1] hold the loser of the match played at that node. */
    private final int[] tree;
    /** The current record of each reader; null once a reader is exhausted, which ranks after every record. */
    private final List<T> heads;
    private boolean initialized;

    public LoserTree(List<? extends RecordReader<T>> readers, Comparator<? super T> comparator) {
        this.readers = new ArrayList<>(requireNonNull(readers, "readers is null"));
        this.comparator = requireNonNull(comparator, "comparator is null");
        this.k = this.readers.size();
        this.tree = new int[Math.max(k, 1)];
        this.heads = new ArrayList<>(k);
    }

    @Override
    public T read() throws IOException {
        if (k == 0) {
            return null;
        }
        if (!initialized) {
            initialize();
        }
        int winner = tree[0];
        T record = heads.get(winner);
        if (record == null) {
            return null;
        }
        heads.set(winner, readers.get(winner).read());
        replay(winner);
        return record;
    }

    private void initialize() throws IOException {
        for (RecordReader<T> reader : readers) {
            heads.add(reader.read());
        }
        // Every node starts holding the virtual leaf k, which beats everything; replaying each real leaf pushes
        // the virtual leaf up and out, leaving real losers in all inner nodes and the real winner at the top.
        java.util.Arrays.fill(tree, k);
        for (int leaf = k - 1; leaf >= 0; leaf--) {
            replay(leaf);
        }
        initialized = true;
    }

    /** Plays the leaf's new record up to the root: at each node the loser stays, the winner moves on. */
    private void replay(int leaf) {
        int winner = leaf;
        for (int node = (leaf + k) >> 1; node > 0; node >>= 1) {
            int opponent = tree[node];
            if (beats(opponent, winner)) {
                tree[node] = winner;
                winner = opponent;
            }
        }
        tree[0] = winner;
    }

    /** Whether leaf a wins against leaf b: the smaller record wins, exhausted readers lose, ties go to the lower index. */
    private boolean beats(int a, int b) {
        if (a == k) {
            return true;
        }
        if (b == k) {
            return false;
        }
        T x = heads.get(a);
        T y = heads.get(b);
        if (x == null) {
            return false;
        }
        if (y == null) {
            return true;
        }
        int c = comparator.compare(x, y);
        return c < 0 || (c == 0 && a < b);
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (RecordReader<T> reader : readers) {
            try {
                reader.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
