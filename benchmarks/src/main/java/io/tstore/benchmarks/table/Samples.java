package io.tstore.benchmarks.table;

import java.util.ArrayList;
import java.util.List;

/** The measured samples of one measure: rows and elapsed time of each, summarised as rows/s. */
final class Samples {
    private final String name;
    private final List<Double> rowsPerSecond = new ArrayList<>();
    private final List<Double> seconds = new ArrayList<>();

    Samples(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void add(long rows, long nanos) {
        double s = nanos / 1e9;
        seconds.add(s);
        rowsPerSecond.add(rows / s);
    }

    boolean isEmpty() {
        return rowsPerSecond.isEmpty();
    }

    int count() {
        return rowsPerSecond.size();
    }

    double medianRowsPerSecond() {
        return median(rowsPerSecond);
    }

    double minRowsPerSecond() {
        return rowsPerSecond.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double maxRowsPerSecond() {
        return rowsPerSecond.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    double medianSeconds() {
        return median(seconds);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
