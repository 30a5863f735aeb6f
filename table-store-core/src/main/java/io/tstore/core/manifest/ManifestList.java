package io.tstore.core.manifest;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/** Manifest lists: Avro files of {@link ManifestFileMeta} records in {@code <table>/manifest/}, named by snapshots. */
public final class ManifestList {
    private final FileIO fileIO;
    private final Path manifestDirectory;
    private final String prefix = "manifest-list-" + UUID.randomUUID() + "-";
    private final AtomicLong counter = new AtomicLong();

    public ManifestList(FileIO fileIO, Path manifestDirectory) {
        this.fileIO = requireNonNull(fileIO, "fileIO is null");
        this.manifestDirectory = requireNonNull(manifestDirectory, "manifestDirectory is null");
    }

    public Path pathOf(String fileName) {
        return new Path(manifestDirectory, fileName);
    }

    /** Writes a new manifest list and returns its file name. */
    public String write(List<ManifestFileMeta> manifests) throws IOException {
        String fileName = prefix + counter.getAndIncrement();
        List<GenericRecord> records = new ArrayList<>(manifests.size());
        for (ManifestFileMeta manifest : manifests) {
            records.add(ManifestSchemas.toRecord(manifest));
        }
        AvroFiles.write(fileIO, pathOf(fileName), ManifestSchemas.MANIFEST_FILE_META, records);
        return fileName;
    }

    public List<ManifestFileMeta> read(String fileName) throws IOException {
        List<ManifestFileMeta> manifests = new ArrayList<>();
        for (GenericRecord record : AvroFiles.read(fileIO, pathOf(fileName), "manifest list")) {
            manifests.add(ManifestSchemas.toManifestFileMeta(record));
        }
        return manifests;
    }

    public void delete(String fileName) {
        fileIO.deleteQuietly(pathOf(fileName));
    }
}
