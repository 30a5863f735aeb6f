package io.tstore.lsm.buffer;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.io.KeyValueSerializer;
import io.tstore.lsm.io.RunFileReader;
import io.tstore.lsm.io.RunFileWriter;
import io.tstore.lsm.merge.LoserTree;
import io.tstore.lsm.merge.MergeReaders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The write buffer of one LSM tree. Records are appended in serialized form to pages of a shared
 * {@link MemoryPool}, each prefixed by its length, in the order they arrive (which is sequence order). Reading
 * sorts them by key; a stable sort keeps each key's versions in sequence order.
 *
 * <p>When the pool has no page left and spilling is allowed, the records in memory are sorted and written to a
 * spill file on local disk, and the pages go back to the pool; a read merges the spill files with the records
 * in memory. Otherwise {@link #put} returns false and the owner flushes the buffer.
 *
 * <p>Not thread-safe; other threads may only call {@link #memoryOccupancy()}.
 */
public final class WriteBuffer<K, V> {
    private final MemoryPool pool;
    private final MemoryOwner owner;
    private final KeyValueSerializer<K, V> serializer;
    private final Comparator<K> keyComparator;
    private final Path spillDirectory;
    private final int maxSpillFiles;
    private final int pageSize;
    private final NormalizedKey<K> normalizedKey;

    private final List<byte[]> pages = new ArrayList<>();
    private final List<Path> spillFiles = new ArrayList<>();
    private final ScratchOutput scratch = new ScratchOutput();
    private long writePosition;
    private int recordsInMemory;
    private long spilledRecords;
    private volatile long occupancy;

    /**
     * @param spillDirectory where spill files go, or null when the buffer must not spill
     * @param maxSpillFiles the most spill files before {@link #put} asks for a flush instead
     */
    public WriteBuffer(
            MemoryPool pool,
            MemoryOwner owner,
            KeyValueSerializer<K, V> serializer,
            Comparator<K> keyComparator,
            Path spillDirectory,
            int maxSpillFiles) {
        this(pool, owner, serializer, keyComparator, spillDirectory, maxSpillFiles, null);
    }

    /** @param normalizedKey speeds up sorting; null to sort with the comparator alone */
    public WriteBuffer(
            MemoryPool pool,
            MemoryOwner owner,
            KeyValueSerializer<K, V> serializer,
            Comparator<K> keyComparator,
            Path spillDirectory,
            int maxSpillFiles,
            NormalizedKey<K> normalizedKey) {
        this.normalizedKey = normalizedKey;
        this.pool = requireNonNull(pool, "pool is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.serializer = requireNonNull(serializer, "serializer is null");
        this.keyComparator = requireNonNull(keyComparator, "keyComparator is null");
        this.spillDirectory = spillDirectory;
        this.maxSpillFiles = maxSpillFiles;
        this.pageSize = pool.pageSize();
    }

    /**
     * Adds a record, spilling if needed and allowed. Returns false when the buffer is full: the caller must flush
     * it (read it and {@link #clear()} it) and put the record again.
     */
    public boolean put(KeyValue<K, V> kv) throws IOException {
        scratch.reset();
        serializer.write(kv, scratch);
        int length = scratch.size();
        long needed = Integer.BYTES + (long) length;
        while (!ensureCapacity(needed)) {
            if (canSpill()) {
                spill();
                continue;
            }
            if (recordsInMemory == 0 && spilledRecords == 0) {
                throw new IllegalStateException(String.format(
                        "A record of %d bytes does not fit into the write buffer: %d bytes of the %d byte budget are held by other writers. Raise 'write-buffer-size'.",
                        length, pool.usedBytes() - occupancy, pool.budgetBytes()));
            }
            return false;
        }
        writeInt(length);
        writeBytes(scratch.buffer(), length);
        recordsInMemory++;
        return true;
    }

    /** Records buffered in memory and in spill files. */
    public long size() {
        return recordsInMemory + spilledRecords;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Whether {@link #spill()} would free memory now: spilling is allowed, there are records, and room for a file. */
    public boolean canSpill() {
        return spillDirectory != null && recordsInMemory > 0 && spillFiles.size() < maxSpillFiles;
    }

    public int spillFileCount() {
        return spillFiles.size();
    }

    /** Bytes of pool memory this buffer holds. */
    public long memoryOccupancy() {
        return occupancy;
    }

    /** Sorts the records in memory and writes them to a new spill file, giving the pages back to the pool. */
    public void spill() throws IOException {
        if (spillDirectory == null) {
            throw new IllegalStateException("This write buffer does not spill");
        }
        if (recordsInMemory == 0) {
            return;
        }
        Files.createDirectories(spillDirectory);
        Path path = spillDirectory.resolve("spill-" + UUID.randomUUID() + ".run");
        spillFiles.add(path);
        try (RunFileWriter<K, V> writer = new RunFileWriter<>(path, serializer);
                RecordReader<KeyValue<K, V>> reader = sortedMemoryReader()) {
            for (KeyValue<K, V> kv = reader.read(); kv != null; kv = reader.read()) {
                writer.write(kv);
            }
        }
        spilledRecords += recordsInMemory;
        releaseMemory();
    }

    /**
     * Every buffered record, sorted by key and then sequence number, with all versions of a key kept (merging is
     * the reader's business). The buffer must not change while the reader is open.
     */
    public RecordReader<KeyValue<K, V>> sortedReader() throws IOException {
        if (spillFiles.isEmpty()) {
            return sortedMemoryReader();
        }
        List<RecordReader<KeyValue<K, V>>> readers = new ArrayList<>();
        try {
            for (Path spillFile : spillFiles) {
                readers.add(new RunFileReader<>(spillFile, serializer));
            }
            readers.add(sortedMemoryReader());
        } catch (IOException e) {
            for (RecordReader<KeyValue<K, V>> reader : readers) {
                reader.close();
            }
            throw e;
        }
        return new LoserTree<>(readers, MergeReaders.keyValueComparator(keyComparator));
    }

    /** Drops every record: pages go back to the pool and spill files are deleted. */
    public void clear() throws IOException {
        releaseMemory();
        for (Path spillFile : spillFiles) {
            Files.deleteIfExists(spillFile);
        }
        spillFiles.clear();
        spilledRecords = 0;
    }

    private void releaseMemory() {
        pool.release(pages);
        pages.clear();
        writePosition = 0;
        recordsInMemory = 0;
        occupancy = 0;
    }

    private boolean ensureCapacity(long needed) throws IOException {
        long capacity = (long) pages.size() * pageSize - writePosition;
        while (capacity < needed) {
            byte[] page = pool.allocate(owner);
            if (page == null) {
                return false;
            }
            pages.add(page);
            capacity += pageSize;
            occupancy = (long) pages.size() * pageSize;
        }
        return true;
    }

    private void writeInt(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            byte[] page = pages.get((int) (writePosition / pageSize));
            page[(int) (writePosition % pageSize)] = (byte) (value >>> shift);
            writePosition++;
        }
    }

    private void writeBytes(byte[] bytes, int length) {
        int offset = 0;
        while (offset < length) {
            byte[] page = pages.get((int) (writePosition / pageSize));
            int pageOffset = (int) (writePosition % pageSize);
            int n = Math.min(length - offset, pageSize - pageOffset);
            System.arraycopy(bytes, offset, page, pageOffset, n);
            offset += n;
            writePosition += n;
        }
    }

    private int readInt(long position) {
        int value = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            long p = position + i;
            value = (value << 8) | (pages.get((int) (p / pageSize))[(int) (p % pageSize)] & 0xFF);
        }
        return value;
    }

    /**
     * Sorts the records in memory. Only the keys are deserialized for sorting, and kept only when the comparator
     * needs them; each record is deserialized in full when it is read.
     */
    private RecordReader<KeyValue<K, V>> sortedMemoryReader() throws IOException {
        PageInput input = new PageInput(pages, pageSize);
        int n = recordsInMemory;
        long[] starts = new long[n];
        int[] lengths = new int[n];
        long[] prefixes = new long[n];
        boolean exact = normalizedKey != null && normalizedKey.isExact();
        @SuppressWarnings("unchecked")
        K[] keys = exact ? null : (K[]) new Object[n];
        long position = 0;
        for (int i = 0; i < n; i++) {
            int length = readInt(position);
            long start = position + Integer.BYTES;
            starts[i] = start;
            lengths[i] = length;
            if (normalizedKey != null || keys != null) {
                input.reset(start, length);
                K key = serializer.readKey(input);
                prefixes[i] = normalizedKey == null ? 0 : normalizedKey.prefix(key);
                if (keys != null) {
                    // Reading the record later starts after the key, which is kept.
                    keys[i] = key;
                    starts[i] = input.position();
                    lengths[i] = (int) (start + length - starts[i]);
                }
            }
            position = start + length;
        }
        int[] order = PrefixSort.sort(prefixes, n, exact ? null : (a, b) -> keyComparator.compare(keys[a], keys[b]));
        return new RecordReader<>() {
            private int next;

            @Override
            public KeyValue<K, V> read() throws IOException {
                if (next >= n) {
                    return null;
                }
                int index = order[next++];
                input.reset(starts[index], lengths[index]);
                K key;
                if (keys == null) {
                    // An exact prefix sorts without keys; decoding the key again is cheaper than keeping them all.
                    key = serializer.readKey(input);
                } else {
                    key = keys[index];
                    keys[index] = null;
                }
                return serializer.readAfterKey(key, input);
            }

            @Override
            public void close() {}
        };
    }
}
