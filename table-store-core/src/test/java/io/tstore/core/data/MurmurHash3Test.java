package io.tstore.core.data;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the hash against published MurmurHash3 x86_32 test vectors, so it is the real algorithm. */
class MurmurHash3Test {

    @Test
    void matchesPublishedVectors() {
        assertThat(hash(new byte[0], 0)).isEqualTo(0);
        assertThat(hash(new byte[0], 1)).isEqualTo(0x514E28B7);
        assertThat(hash(new byte[0], 0xffffffff)).isEqualTo(0x81F16F39);
        assertThat(hash(new byte[4], 0)).isEqualTo(0x2362F9DE);
        assertThat(hash(ascii("a"), 0x9747b28c)).isEqualTo(0x7FA09EA6);
        assertThat(hash(ascii("ab"), 0x9747b28c)).isEqualTo(0x74875592);
        assertThat(hash(ascii("abc"), 0x9747b28c)).isEqualTo(0xC84A62DD);
        assertThat(hash(ascii("abcd"), 0x9747b28c)).isEqualTo(0xF0478627);
        assertThat(hash(ascii("aaaa"), 0x9747b28c)).isEqualTo(0x5A97808A);
        assertThat(hash(ascii("Hello, world!"), 0x9747b28c)).isEqualTo(0x24884CBA);
        assertThat(hash(ascii("The quick brown fox jumps over the lazy dog"), 0x9747b28c)).isEqualTo(0x2FA826CD);
    }

    @Test
    void hashesARangeLikeTheSameBytesAlone() {
        byte[] padded = ascii("xxHello, world!yy");
        assertThat(MurmurHash3.hash32(padded, 2, 13, 0x9747b28c)).isEqualTo(0x24884CBA);
    }

    private static int hash(byte[] bytes, int seed) {
        return MurmurHash3.hash32(bytes, 0, bytes.length, seed);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
