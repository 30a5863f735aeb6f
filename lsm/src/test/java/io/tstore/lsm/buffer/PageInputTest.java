package io.tstore.lsm.buffer;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ScratchOutput} writes what {@link DataOutputStream} writes, and {@link PageInput} reads it back across pages. */
class PageInputTest {

    @Test
    void valuesRoundTripAcrossPageBoundariesOfEverySize() throws IOException {
        Random random = new Random(3);
        for (int round = 0; round < 300; round++) {
            ScratchOutput scratch = new ScratchOutput();
            ByteArrayOutputStream reference = new ByteArrayOutputStream();
            DataOutputStream referenceOut = new DataOutputStream(reference);
            List<Object> written = new ArrayList<>();
            int count = random.nextInt(40);
            for (int i = 0; i < count; i++) {
                int type = random.nextInt(8);
                switch (type) {
                    case 0 -> { long v = random.nextLong(); scratch.writeLong(v); referenceOut.writeLong(v); written.add(v); }
                    case 1 -> { int v = random.nextInt(); scratch.writeInt(v); referenceOut.writeInt(v); written.add(v); }
                    case 2 -> { short v = (short) random.nextInt(); scratch.writeShort(v); referenceOut.writeShort(v); written.add(v); }
                    case 3 -> { byte v = (byte) random.nextInt(); scratch.writeByte(v); referenceOut.writeByte(v); written.add(v); }
                    case 4 -> { boolean v = random.nextBoolean(); scratch.writeBoolean(v); referenceOut.writeBoolean(v); written.add(v); }
                    case 5 -> { double v = random.nextDouble(); scratch.writeDouble(v); referenceOut.writeDouble(v); written.add(v); }
                    case 6 -> {
                        byte[] v = new byte[random.nextInt(300)];
                        random.nextBytes(v);
                        scratch.write(v);
                        referenceOut.write(v);
                        written.add(v);
                    }
                    default -> {
                        String v = "ä€x\u0000" + "y".repeat(random.nextInt(30)) + "\uD83D\uDE00";
                        scratch.writeUTF(v);
                        referenceOut.writeUTF(v);
                        written.add(v);
                    }
                }
            }
            byte[] bytes = java.util.Arrays.copyOf(scratch.buffer(), scratch.size());
            assertThat(bytes).isEqualTo(reference.toByteArray());

            // Lay the bytes into pages after a random gap, as a record in the middle of the buffer.
            int pageSize = 1 + random.nextInt(20);
            int gap = random.nextInt(3 * pageSize);
            List<byte[]> pages = new ArrayList<>();
            int total = gap + bytes.length;
            for (int p = 0; p * pageSize < Math.max(total, 1); p++) {
                pages.add(new byte[pageSize]);
            }
            for (int i = 0; i < bytes.length; i++) {
                int at = gap + i;
                pages.get(at / pageSize)[at % pageSize] = bytes[i];
            }
            PageInput in = new PageInput(pages, pageSize);
            in.reset(gap, bytes.length);
            for (Object value : written) {
                if (value instanceof Long v) {
                    assertThat(in.readLong()).isEqualTo(v);
                } else if (value instanceof Integer v) {
                    assertThat(in.readInt()).isEqualTo(v);
                } else if (value instanceof Short v) {
                    assertThat(in.readShort()).isEqualTo(v);
                } else if (value instanceof Byte v) {
                    assertThat(in.readByte()).isEqualTo(v);
                } else if (value instanceof Boolean v) {
                    assertThat(in.readBoolean()).isEqualTo(v);
                } else if (value instanceof Double v) {
                    assertThat(in.readDouble()).isEqualTo(v);
                } else if (value instanceof byte[] v) {
                    byte[] read = new byte[v.length];
                    in.readFully(read);
                    assertThat(read).isEqualTo(v);
                } else {
                    assertThat(in.readUTF()).isEqualTo(value);
                }
            }
            assertThat(in.position()).isEqualTo(gap + bytes.length);
            assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void skipBytesMovesAcrossPages() throws IOException {
        List<byte[]> pages = List.of(new byte[] {0, 1, 2}, new byte[] {3, 4, 5}, new byte[] {6, 7, 8});
        PageInput in = new PageInput(pages, 3);
        in.reset(1, 7);
        assertThat(in.skipBytes(2)).isEqualTo(2);
        assertThat(in.readByte()).isEqualTo((byte) 3);
        assertThat(in.skipBytes(2)).isEqualTo(2);
        assertThat(in.readByte()).isEqualTo((byte) 6);
        assertThat(in.skipBytes(10)).isEqualTo(1);
        assertThat(in.position()).isEqualTo(8);
    }
}
