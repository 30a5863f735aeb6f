package io.tstore.lsm.io;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Writes values of one type to a binary stream and reads them back; the format must be self-delimiting. */
public interface Serializer<T> {

    void write(T value, DataOutput out) throws IOException;

    T read(DataInput in) throws IOException;

    /** Longs as 8 big-endian bytes. */
    Serializer<Long> LONG = new Serializer<>() {
        @Override
        public void write(Long value, DataOutput out) throws IOException {
            out.writeLong(value);
        }

        @Override
        public Long read(DataInput in) throws IOException {
            return in.readLong();
        }
    };

    /** Byte arrays with a length prefix. */
    Serializer<byte[]> BYTES = new Serializer<>() {
        @Override
        public void write(byte[] value, DataOutput out) throws IOException {
            out.writeInt(value.length);
            out.write(value);
        }

        @Override
        public byte[] read(DataInput in) throws IOException {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return bytes;
        }
    };

    /** Strings in modified UTF-8 with a length prefix (at most 65535 encoded bytes). */
    Serializer<String> STRING = new Serializer<>() {
        @Override
        public void write(String value, DataOutput out) throws IOException {
            out.writeUTF(value);
        }

        @Override
        public String read(DataInput in) throws IOException {
            return in.readUTF();
        }
    };
}
