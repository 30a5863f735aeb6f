package io.tstore.lsm.merge;

import io.tstore.lsm.RecordReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LoserTreeTest {

    @Test
    void mergesAnyNumberOfSortedReadersIntoSortedOrder() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            int k = random.nextInt(12);
            List<RecordReader<Integer>> readers = new ArrayList<>();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                List<Integer> run = new ArrayList<>();
                int n = random.nextInt(30);
                for (int j = 0; j < n; j++) {
                    run.add(random.nextInt(100));
                }
                run.sort(Comparator.naturalOrder());
                expected.addAll(run);
                readers.add(RecordReader.fromIterator(run.iterator()));
            }
            expected.sort(Comparator.naturalOrder());
            assertThat(RecordReader.toList(new LoserTree<>(readers, Comparator.<Integer>naturalOrder())))
                    .as("round %d with %d readers", round, k)
                    .isEqualTo(expected);
        }
    }

    @Test
    void equalRecordsComeInReaderOrder() throws IOException {
        record Tagged(int value, int reader) {}
        List<RecordReader<Tagged>> readers = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            readers.add(RecordReader.fromIterator(List.of(new Tagged(1, r), new Tagged(2, r)).iterator()));
        }
        List<Tagged> merged = RecordReader.toList(new LoserTree<>(readers, Comparator.comparingInt(Tagged::value)));
        assertThat(merged).extracting(Tagged::reader).containsExactly(0, 1, 2, 3, 4, 0, 1, 2, 3, 4);
    }

    @Test
    void noReadersGiveNothing() throws IOException {
        assertThat(RecordReader.toList(new LoserTree<Integer>(List.of(), Comparator.naturalOrder()))).isEmpty();
    }
}
