package io.tstore.options;

import java.util.Locale;

/** An amount of memory or disk in bytes, parsed from strings such as {@code 64 kb}, {@code 256mb} or {@code 1 gb}. */
public record MemorySize(long bytes) implements Comparable<MemorySize> {

    public MemorySize {
        if (bytes < 0) {
            throw new IllegalArgumentException("memory size must not be negative: " + bytes);
        }
    }

    public static MemorySize ofBytes(long bytes) {
        return new MemorySize(bytes);
    }

    public static MemorySize ofKibiBytes(long kib) {
        return new MemorySize(Math.multiplyExact(kib, 1024L));
    }

    public static MemorySize ofMebiBytes(long mib) {
        return new MemorySize(Math.multiplyExact(mib, 1024L * 1024));
    }

    public static MemorySize parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("expected a size such as '64 kb', '256 mb' or '1 gb'");
        }
        long number = Long.parseLong(s.substring(0, i));
        String unit = s.substring(i).trim();
        long multiplier = switch (unit) {
            case "", "b", "bytes" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            case "t", "tb", "tib" -> 1L << 40;
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "' (use b, kb, mb, gb or tb)");
        };
        return new MemorySize(Math.multiplyExact(number, multiplier));
    }

    public int bytesAsInt() {
        return Math.toIntExact(bytes);
    }

    @Override
    public int compareTo(MemorySize o) {
        return Long.compare(bytes, o.bytes);
    }

    @Override
    public String toString() {
        long[] units = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
        String[] names = {"tb", "gb", "mb", "kb"};
        for (int i = 0; i < units.length; i++) {
            if (bytes != 0 && bytes % units[i] == 0) {
                return bytes / units[i] + " " + names[i];
            }
        }
        return bytes + " b";
    }
}
