package io.tstore.core.data;

/**
 * The 32-bit MurmurHash3 (x86 variant) of a byte range. Its results are part of the table format: rows are
 * routed to buckets by the hash of their bucket key, so this function must give the same value on every JVM,
 * platform and version, forever. Bytes are read as little-endian 4-byte blocks whatever the platform.
 */
final class MurmurHash3 {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private MurmurHash3() {}

    static int hash32(byte[] bytes, int offset, int length, int seed) {
        int h = seed;
        int blocksEnd = offset + (length & ~3);
        for (int i = offset; i < blocksEnd; i += 4) {
            int k = (bytes[i] & 0xff)
                    | (bytes[i + 1] & 0xff) << 8
                    | (bytes[i + 2] & 0xff) << 16
                    | (bytes[i + 3] & 0xff) << 24;
            h ^= mixBlock(k);
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int remaining = length & 3;
        if (remaining > 0) {
            int tail = bytes[blocksEnd] & 0xff;
            if (remaining >= 2) {
                tail |= (bytes[blocksEnd + 1] & 0xff) << 8;
            }
            if (remaining == 3) {
                tail |= (bytes[blocksEnd + 2] & 0xff) << 16;
            }
            h ^= mixBlock(tail);
        }
        h ^= length;
        return finalMix(h);
    }

    private static int mixBlock(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    /** Spreads every input bit over every output bit. */
    private static int finalMix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
