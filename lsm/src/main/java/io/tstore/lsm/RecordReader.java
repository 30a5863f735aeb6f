package io.tstore.lsm;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A pull reader of records: {@link #read()} returns the next record, or null at the end. */
public interface RecordReader<T> extends Closeable {

    /** The next record, or null when there are no more. */
    T read() throws IOException;

    @Override
    void close() throws IOException;

    static <T> RecordReader<T> fromIterator(Iterator<T> iterator) {
        return new RecordReader<>() {
            @Override
            public T read() {
                return iterator.hasNext() ? iterator.next() : null;
            }

            @Override
            public void close() {}
        };
    }

    static <T> RecordReader<T> empty() {
        return fromIterator(java.util.Collections.emptyIterator());
    }

    /** Opens a reader for each source in turn, when the previous one is exhausted, and reads them one after the other. */
    static <S, T> RecordReader<T> concat(Iterable<S> sources, Opener<S, T> opener) {
        Iterator<S> iterator = sources.iterator();
        return new RecordReader<>() {
            private RecordReader<T> current;

            @Override
            public T read() throws IOException {
                while (true) {
                    if (current == null) {
                        if (!iterator.hasNext()) {
                            return null;
                        }
                        current = opener.open(iterator.next());
                    }
                    T record = current.read();
                    if (record != null) {
                        return record;
                    }
                    current.close();
                    current = null;
                }
            }

            @Override
            public void close() throws IOException {
                if (current != null) {
                    current.close();
                    current = null;
                }
            }
        };
    }

    /** The records of this reader that the condition accepts. */
    default RecordReader<T> filter(java.util.function.Predicate<? super T> condition) {
        RecordReader<T> source = this;
        return new RecordReader<>() {
            @Override
            public T read() throws IOException {
                for (T record = source.read(); record != null; record = source.read()) {
                    if (condition.test(record)) {
                        return record;
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                source.close();
            }
        };
    }

    /** Each record of this reader turned into another; a null result skips the record. */
    default <R> RecordReader<R> map(java.util.function.Function<? super T, ? extends R> function) {
        RecordReader<T> source = this;
        return new RecordReader<>() {
            @Override
            public R read() throws IOException {
                for (T record = source.read(); record != null; record = source.read()) {
                    R result = function.apply(record);
                    if (result != null) {
                        return result;
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                source.close();
            }
        };
    }

    /** Opens a reader over one source. */
    @FunctionalInterface
    interface Opener<S, T> {
        RecordReader<T> open(S source) throws IOException;
    }

    /** Reads the rest of a reader into a list and closes it. */
    static <T> List<T> toList(RecordReader<T> reader) throws IOException {
        try (reader) {
            List<T> result = new ArrayList<>();
            for (T record = reader.read(); record != null; record = reader.read()) {
                result.add(record);
            }
            return result;
        }
    }
}
