package io.tstore.lsm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordReaderTest {

    @Test
    void filterMapAndConcatComposeInOrder() throws IOException {
        List<List<Integer>> sources = List.of(List.of(1, 2, 3), List.of(), List.of(4, 5, 6));
        RecordReader<Integer> reader = RecordReader.concat(sources, list -> RecordReader.fromIterator(list.iterator()));
        List<String> result = RecordReader.toList(
                reader.filter(i -> i % 2 == 0).map(i -> i == 4 ? null : "n" + i));
        assertThat(result).containsExactly("n2", "n6");
    }
}
