package io.tstore.core.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * A point in time with nanosecond resolution, counted from 1970-01-01 00:00: the internal form of TIMESTAMP
 * (a wall-clock time, no zone) and TIMESTAMP WITH LOCAL TIME ZONE (an instant, in UTC) values.
 *
 * <p>It is kept as epoch milliseconds plus the nanoseconds within that millisecond, so that precisions up to
 * 3 fit a single long and finer ones add an int.
 */
public final class Timestamp implements Comparable<Timestamp> {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final int NANOS_PER_MILLI = 1_000_000;

    private final long millisecond;
    private final int nanoOfMillisecond;

    private Timestamp(long millisecond, int nanoOfMillisecond) {
        if (nanoOfMillisecond < 0 || nanoOfMillisecond >= NANOS_PER_MILLI) {
            throw new IllegalArgumentException(
                    "Nanoseconds within a millisecond must be 0 to 999999, but were " + nanoOfMillisecond);
        }
        this.millisecond = millisecond;
        this.nanoOfMillisecond = nanoOfMillisecond;
    }

    public static Timestamp fromEpochMillis(long millisecond) {
        return new Timestamp(millisecond, 0);
    }

    public static Timestamp fromEpochMillis(long millisecond, int nanoOfMillisecond) {
        return new Timestamp(millisecond, nanoOfMillisecond);
    }

    /** The wall-clock time, read as if it were UTC. */
    public static Timestamp fromLocalDateTime(LocalDateTime dateTime) {
        long days = dateTime.toLocalDate().toEpochDay();
        long nanoOfDay = dateTime.toLocalTime().toNanoOfDay();
        long millis = Math.addExact(Math.multiplyExact(days, MILLIS_PER_DAY), nanoOfDay / NANOS_PER_MILLI);
        return new Timestamp(millis, (int) (nanoOfDay % NANOS_PER_MILLI));
    }

    public static Timestamp fromInstant(Instant instant) {
        long millis = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1000L), instant.getNano() / NANOS_PER_MILLI);
        return new Timestamp(millis, instant.getNano() % NANOS_PER_MILLI);
    }

    public long millisecond() {
        return millisecond;
    }

    public int nanoOfMillisecond() {
        return nanoOfMillisecond;
    }

    /** The wall-clock time, reading the epoch count as UTC. */
    public LocalDateTime toLocalDateTime() {
        long days = Math.floorDiv(millisecond, MILLIS_PER_DAY);
        long millisOfDay = Math.floorMod(millisecond, MILLIS_PER_DAY);
        return LocalDateTime.of(
                LocalDate.ofEpochDay(days), LocalTime.ofNanoOfDay(millisOfDay * NANOS_PER_MILLI + nanoOfMillisecond));
    }

    public Instant toInstant() {
        long seconds = Math.floorDiv(millisecond, 1000L);
        long nanos = Math.floorMod(millisecond, 1000L) * NANOS_PER_MILLI + nanoOfMillisecond;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    @Override
    public int compareTo(Timestamp other) {
        int byMillis = Long.compare(millisecond, other.millisecond);
        return byMillis != 0 ? byMillis : Integer.compare(nanoOfMillisecond, other.nanoOfMillisecond);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timestamp other
                && millisecond == other.millisecond
                && nanoOfMillisecond == other.nanoOfMillisecond;
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(millisecond) + nanoOfMillisecond;
    }

    /** The ISO-8601 wall-clock form, e.g. {@code 2024-03-01T12:00:00.123456}. */
    @Override
    public String toString() {
        return toLocalDateTime().toString();
    }
}
