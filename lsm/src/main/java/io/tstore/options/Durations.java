package io.tstore.options;

import java.time.Duration;
import java.util.Locale;

/** Parses and prints durations such as {@code 500 ms}, {@code 10 s}, {@code 30 min}, {@code 1 h} or {@code 7 d}. */
public final class Durations {
    private Durations() {}

    public static Duration parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("expected a duration such as '500 ms', '10 s', '30 min', '1 h' or '7 d'");
        }
        long number = Long.parseLong(s.substring(0, i));
        String unit = s.substring(i).trim();
        return switch (unit) {
            case "ms", "milli", "millis", "millisecond", "milliseconds" -> Duration.ofMillis(number);
            case "", "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(number);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(number);
            case "h", "hour", "hours" -> Duration.ofHours(number);
            case "d", "day", "days" -> Duration.ofDays(number);
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "' (use ms, s, min, h or d)");
        };
    }

    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis != 0 && millis % 86_400_000L == 0) {
            return millis / 86_400_000L + " d";
        }
        if (millis != 0 && millis % 3_600_000L == 0) {
            return millis / 3_600_000L + " h";
        }
        if (millis != 0 && millis % 60_000L == 0) {
            return millis / 60_000L + " min";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return millis + " ms";
    }
}
