package io.tstore.core.manifest;

import io.tstore.core.fs.FileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.fs.TableFileErrors;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads whole Avro container files through a {@link FileIO}. */
final class AvroFiles {
    /** Avro file metadata key holding the format version of manifests and manifest lists. */
    static final String VERSION_KEY = "tstore.format.version";
    static final int VERSION = 1;

    /**
     * Avro's fast reader caches a reader per schema object, and every file brings its own schema object: with
     * many manifests read, the cache grows without bound. The plain reader keeps nothing.
     */
    private static final GenericData DATA = new GenericData();

    static {
        DATA.setFastReaderEnabled(false);
    }

    private AvroFiles() {}

    /** Writes the records to a new file (never overwriting) and returns the file's size. */
    static long write(FileIO fileIO, Path path, Schema schema, List<GenericRecord> records) throws IOException {
        try {
            try (OutputStream out = fileIO.newOutputStream(path, false);
                    DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
                writer.setCodec(CodecFactory.deflateCodec(3));
                writer.setMeta(VERSION_KEY, VERSION);
                writer.create(schema, out);
                for (GenericRecord record : records) {
                    writer.append(record);
                }
            }
            return fileIO.getFileStatus(path).length();
        } catch (IOException | RuntimeException e) {
            // Whatever failed, the caller will not know this file: it must not stay behind.
            fileIO.deleteQuietly(path);
            throw e;
        }
    }

    /** The records of a manifest list or manifest file ({@code role}); errors name the table, role and file. */
    static List<GenericRecord> read(FileIO fileIO, Path path, String role) throws IOException {
        return TableFileErrors.reading(role, path, () -> read(fileIO, path));
    }

    private static List<GenericRecord> read(FileIO fileIO, Path path) throws IOException {
        try (InputStream in = fileIO.newInputStream(path);
                DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>(null, null, DATA))) {
            long version = stream.getMetaLong(VERSION_KEY);
            if (version > VERSION) {
                throw new IOException(path + " has format version " + version + ", newer than this reader's " + VERSION);
            }
            List<GenericRecord> records = new ArrayList<>();
            while (stream.hasNext()) {
                records.add(stream.next());
            }
            return records;
        }
    }
}
