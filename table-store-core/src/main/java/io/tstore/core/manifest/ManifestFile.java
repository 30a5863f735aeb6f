package io.tstore.core.manifest;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.types.RowType;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Manifest files: Avro files of {@link ManifestEntry} records in {@code <table>/manifest/}. Writing rolls to a
 * new file every so many entries and records each file's partition range for pruning.
 */
public final class ManifestFile {
    /** Roughly what one entry takes in a deflated Avro file; used to roll files near the target size. */
    private static final long APPROXIMATE_ENTRY_BYTES = 200;

    private final FileIO fileIO;
    private final Path manifestDirectory;
    private final RowType partitionType;
    private final long schemaId;
    private final int entriesPerFile;
    private final String prefix = "manifest-" + UUID.randomUUID() + "-";
    private final AtomicLong counter = new AtomicLong();

    public ManifestFile(FileIO fileIO, Path manifestDirectory, RowType partitionType, long schemaId, long targetFileSize) {
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
        this.manifestDirectory = requireNonNull(manifestDirectory, "manifestDirectory is null");
        this.partitionType = requireNonNull(partitionType, "partitionType is null");
        this.schemaId = schemaId;
        this.entriesPerFile = (int) Math.max(100, Math.min(Integer.MAX_VALUE, targetFileSize / APPROXIMATE_ENTRY_BYTES));
    }

    public Path pathOf(String fileName) {
        return new Path(manifestDirectory, fileName);
    }

    /** Writes the entries into as many new manifest files as their number needs. */
    public List<ManifestFileMeta> write(List<ManifestEntry> entries) throws IOException {
        List<ManifestFileMeta> written = new ArrayList<>();
        try {
            for (int start = 0; start < entries.size(); start += entriesPerFile) {
                written.add(writeOne(entries.subList(start, Math.min(entries.size(), start + entriesPerFile))));
            }
        } catch (IOException | RuntimeException e) {
            for (ManifestFileMeta meta : written) {
                delete(meta.fileName());
            }
            throw e;
        }
        return written;
    }

    private ManifestFileMeta writeOne(List<ManifestEntry> entries) throws IOException {
        String fileName = prefix + counter.getAndIncrement();
        PartitionStatsCollector stats = new PartitionStatsCollector(partitionType);
        List<GenericRecord> records = new ArrayList<>(entries.size());
        long added = 0;
        long deleted = 0;
        for (ManifestEntry entry : entries) {
            records.add(ManifestSchemas.toRecord(entry));
            stats.collect(entry.partition());
            if (entry.kind() == FileKind.ADD) {
                added++;
            } else {
                deleted++;
            }
        }
        long size = AvroFiles.write(fileIO, pathOf(fileName), ManifestSchemas.ENTRY, records);
        return new ManifestFileMeta(fileName, size, added, deleted, stats.result(), schemaId);
    }

    public List<ManifestEntry> read(String fileName) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        for (GenericRecord record : AvroFiles.read(fileIO, pathOf(fileName), "manifest file")) {
            entries.add(ManifestSchemas.toEntry(record));
        }
        return entries;
    }

    public void delete(String fileName) {
        fileIO.deleteQuietly(pathOf(fileName));
    }
}
