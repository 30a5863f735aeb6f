package io.tstore.lsm.lookup;

import io.tstore.lsm.KeyValue;
import io.tstore.lsm.RecordReader;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.RunFiles;
import io.tstore.lsm.io.KeyValueSerializer;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * A local copy of one data file, laid out for point lookups: the data file is read once, in key order, and
 * rewritten to a local file made of blocks, with a sparse index of the blocks kept in memory. A lookup
 * binary-searches the index, reads one block with a positioned read and scans it.
 *
 * <p>The local file is a sequence of blocks and nothing else:
 *
 * <pre>
 *   file   = block*
 *   block  = entry+          a block is closed by the entry that brings it to the block size or beyond, so
 *                            it holds at least one entry, and a record larger than the block size ends its block
 *   entry  = length record   length: the byte length of record, as an unsigned varint (7 bits a byte, low first)
 *   record = key, sequence number, row kind, value, as {@link KeyValueSerializer} writes them
 * </pre>
 *
 * <p>There is no header, footer or checksum: the file lives only as long as this object, in this process, and
 * its index (the first key, offset and length of every block, and the min and max key) lives in memory. The
 * length prefix lets a scan skip the rest of a record whose key does not match without reading its value.
 *
 * <p>Lookups are thread-safe: the index is immutable and blocks are read with
 * {@link FileChannel#read(ByteBuffer, long)}, which does not move a shared position. The file is
 * reference-counted so that a cache may drop it while other threads still read it: its creator holds the
 * first reference and gives it up with {@link #close()}; readers that did not create it take a reference
 * with {@link #retain()} and give it back with {@link #release()}. The channel is closed and the local file
 * deleted when the last reference is gone. {@link #get} must only be called while holding a reference.
 */
public final class LookupFile<K, V> {
    private final String dataFileName;
    private final Path localPath;
    private final FileChannel channel;
    private final KeyValueSerializer<K, V> serializer;
    private final Comparator<? super K> keyComparator;
    private final Object[] firstKeys;
    private final long[] blockOffsets;
    private final int[] blockLengths;
    private final K minKey;
    private final K maxKey;
    private final long recordCount;
    private final long fileSize;
    private final AtomicInteger references = new AtomicInteger(1);
    private final AtomicBoolean creatorReleased = new AtomicBoolean();

    private LookupFile(
            String dataFileName,
            Path localPath,
            FileChannel channel,
            KeyValueSerializer<K, V> serializer,
            Comparator<? super K> keyComparator,
            BlockIndex<K> index) {
        this.dataFileName = dataFileName;
        this.localPath = localPath;
        this.channel = channel;
        this.serializer = serializer;
        this.keyComparator = keyComparator;
        this.firstKeys = index.firstKeys.toArray();
        this.blockOffsets = index.offsets.stream().mapToLong(Long::longValue).toArray();
        this.blockLengths = index.lengths.stream().mapToInt(Integer::intValue).toArray();
        this.minKey = index.minKey;
        this.maxKey = index.maxKey;
        this.recordCount = index.recordCount;
        this.fileSize = index.fileSize;
    }

    /**
     * Reads {@code dataFile} fully through {@code runFiles} and writes its local lookup file in
     * {@code localDirectory}. On failure nothing is left behind.
     *
     * @param blockSize the size in bytes at which a block is closed (see {@link LookupOptions#LOCAL_FILE_BLOCK_SIZE})
     */
    public static <K, V> LookupFile<K, V> create(
            LsmFile<K> dataFile,
            RunFiles<K, V> runFiles,
            KeyValueSerializer<K, V> serializer,
            Comparator<? super K> keyComparator,
            Path localDirectory,
            int blockSize)
            throws IOException {
        requireNonNull(dataFile, "dataFile is null");
        requireNonNull(runFiles, "runFiles is null");
        requireNonNull(serializer, "serializer is null");
        requireNonNull(keyComparator, "keyComparator is null");
        requireNonNull(localDirectory, "localDirectory is null");
        if (blockSize <= 0) {
            throw new IllegalArgumentException("blockSize must be positive: " + blockSize);
        }
        Files.createDirectories(localDirectory);
        Path path = Files.createTempFile(localDirectory, "lookup-" + sanitize(dataFile.fileName()) + "-", ".local");
        FileChannel channel = null;
        try {
            BlockIndex<K> index;
            try (RecordReader<KeyValue<K, V>> reader = runFiles.read(dataFile);
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024)) {
                index = writeBlocks(dataFile.fileName(), reader, out, serializer, keyComparator, blockSize);
            }
            channel = FileChannel.open(path, StandardOpenOption.READ);
            return new LookupFile<>(dataFile.fileName(), path, channel, serializer, keyComparator, index);
        } catch (IOException | RuntimeException | Error e) {
            if (channel != null) {
                closeQuietly(channel);
            }
            deleteQuietly(path);
            throw e;
        }
    }

    private static <K, V> BlockIndex<K> writeBlocks(
            String dataFileName,
            RecordReader<KeyValue<K, V>> reader,
            OutputStream out,
            KeyValueSerializer<K, V> serializer,
            Comparator<? super K> keyComparator,
            int blockSize)
            throws IOException {
        BlockIndex<K> index = new BlockIndex<>();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        DataOutputStream recordOut = new DataOutputStream(record);
        ByteArrayOutputStream block = new ByteArrayOutputStream(blockSize);
        for (KeyValue<K, V> kv = reader.read(); kv != null; kv = reader.read()) {
            K key = kv.key();
            if (index.maxKey != null && keyComparator.compare(index.maxKey, key) >= 0) {
                throw new IOException(String.format(
                        "Data file %s is not sorted by key: key %s comes after %s; a lookup file needs unique keys "
                                + "in ascending order",
                        dataFileName, key, index.maxKey));
            }
            if (index.minKey == null) {
                index.minKey = key;
            }
            index.maxKey = key;
            index.recordCount++;

            record.reset();
            serializer.write(kv, recordOut);
            recordOut.flush();
            if (block.size() == 0) {
                index.firstKeys.add(key);
            }
            writeVarInt(block, record.size());
            record.writeTo(block);
            if (block.size() >= blockSize) {
                index.finishBlock(block, out);
            }
        }
        if (block.size() > 0) {
            index.finishBlock(block, out);
        }
        return index;
    }

    /** The latest record of {@code key} in this file, or null when the file has none. */
    public KeyValue<K, V> get(K key) throws IOException {
        requireNonNull(key, "key is null");
        if (references.get() <= 0) {
            throw new IllegalStateException("The lookup file of data file " + dataFileName + " is closed");
        }
        if (recordCount == 0
                || keyComparator.compare(key, minKey) < 0
                || keyComparator.compare(key, maxKey) > 0) {
            return null;
        }
        int block = blockOf(key);
        return scanBlock(block, readBlock(block), key);
    }

    /** The last block whose first key is at most {@code key}; the caller checked that key >= minKey. */
    @SuppressWarnings("unchecked")
    private int blockOf(K key) {
        int low = 0;
        int high = firstKeys.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (keyComparator.compare((K) firstKeys[mid], key) <= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private byte[] readBlock(int block) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(blockLengths[block]);
        long offset = blockOffsets[block];
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, offset + buffer.position());
            if (read < 0) {
                throw new EOFException(String.format(
                        "Lookup file %s of data file %s is truncated: block %d at offset %d",
                        localPath, dataFileName, block, offset));
            }
        }
        return buffer.array();
    }

    private KeyValue<K, V> scanBlock(int block, byte[] bytes, K key) throws IOException {
        ByteArrayInputStream stream = new ByteArrayInputStream(bytes);
        DataInputStream in = new DataInputStream(stream);
        try {
            while (stream.available() > 0) {
                int length = readVarInt(in);
                int end = bytes.length - stream.available() + length;
                if (length <= 0 || end > bytes.length) {
                    throw new IOException("a record length of " + length + " does not fit in the block");
                }
                K recordKey = serializer.readKey(in);
                int comparison = keyComparator.compare(recordKey, key);
                if (comparison == 0) {
                    return serializer.readAfterKey(recordKey, in);
                }
                if (comparison > 0) {
                    return null;
                }
                stream.skip(end - (bytes.length - stream.available()));
            }
            return null;
        } catch (IOException e) {
            throw new IOException(String.format(
                    "Lookup file %s of data file %s is corrupt in block %d: %s",
                    localPath, dataFileName, block, e.getMessage()), e);
        }
    }

    /** Takes a reference; false when the file is already closed, in which case it must not be read. */
    public boolean retain() {
        while (true) {
            int current = references.get();
            if (current <= 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Gives back a reference taken with {@link #retain()}; the last one closes the file. */
    public void release() {
        int remaining = references.decrementAndGet();
        if (remaining == 0) {
            closeQuietly(channel);
            deleteQuietly(localPath);
        } else if (remaining < 0) {
            throw new IllegalStateException("The lookup file of data file " + dataFileName + " was released too often");
        }
    }

    /**
     * Gives up the creator's reference: closes the channel and deletes the local file now, or as soon as the
     * last reader that retained it releases it. Calling it again does nothing.
     */
    public void close() {
        if (creatorReleased.compareAndSet(false, true)) {
            release();
        }
    }

    public String dataFileName() {
        return dataFileName;
    }

    public Path localPath() {
        return localPath;
    }

    /** The size of the local file in bytes. */
    public long fileSize() {
        return fileSize;
    }

    public long recordCount() {
        return recordCount;
    }

    public int blockCount() {
        return blockOffsets.length;
    }

    /** The smallest key, or null when the file is empty. */
    public K minKey() {
        return minKey;
    }

    /** The largest key, or null when the file is empty. */
    public K maxKey() {
        return maxKey;
    }

    @Override
    public String toString() {
        return String.format("LookupFile{%s, %s, %d records, %d blocks, %d bytes}",
                dataFileName, localPath.getFileName(), recordCount, blockCount(), fileSize);
    }

    private static void writeVarInt(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static int readVarInt(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("a record length is longer than 5 bytes");
    }

    /** Keeps the data file's name readable in the local file name, and nothing a file system could reject. */
    private static String sanitize(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() > 80 ? safe.substring(0, 80) : safe;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The file is deleted next; a failed close leaks nothing that deletion does not fix.
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A local lookup file left behind is garbage in a scratch directory, never wrong data.
        }
    }

    /** The in-memory index as it is built, block by block. */
    private static final class BlockIndex<K> {
        final List<K> firstKeys = new ArrayList<>();
        final List<Long> offsets = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
        K minKey;
        K maxKey;
        long recordCount;
        long fileSize;

        void finishBlock(ByteArrayOutputStream block, OutputStream out) throws IOException {
            offsets.add(fileSize);
            lengths.add(block.size());
            block.writeTo(out);
            fileSize += block.size();
            block.reset();
        }
    }
}
