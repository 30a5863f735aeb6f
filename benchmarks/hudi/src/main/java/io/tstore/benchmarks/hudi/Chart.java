package io.tstore.benchmarks.hudi;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A grouped bar chart as SVG text: one group per metric, one bar per system in the system's colour. Metrics have
 * different units, so each group is scaled to its own largest value and every bar is labelled with its number.
 */
final class Chart {
    private static final Map<String, String> COLOURS = Map.of(
            "ours-orc", "#1f77b4", "ours-parquet", "#17becf", "hudi-mor", "#ff7f0e", "hudi-cow", "#d62728");
    private static final int BAR = 22;
    private static final int GAP = 26;
    private static final int PLOT = 220;
    private static final int TOP = 115;

    private final List<Results.SystemRun> runs;

    Chart(List<Results.SystemRun> runs) {
        this.runs = runs;
    }

    String svg(String title) {
        List<Metric> metrics = Metric.all();
        int group = runs.size() * BAR + GAP;
        int width = 40 + metrics.size() * group;
        int height = TOP + PLOT + 90;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\">%n",
                width, height));
        svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format("<text x=\"20\" y=\"24\" font-size=\"15\">%s</text>%n", escape(title)));
        int legendX = 20;
        for (Results.SystemRun run : runs) {
            svg.append(String.format("<rect x=\"%d\" y=\"36\" width=\"12\" height=\"12\" fill=\"%s\"/>", legendX,
                    colour(run.system())));
            svg.append(String.format("<text x=\"%d\" y=\"47\" font-size=\"12\">%s</text>%n", legendX + 16,
                    escape(run.system())));
            legendX += 120;
        }
        svg.append(String.format("<text x=\"%d\" y=\"47\" font-size=\"11\" fill=\"#555\">"
                + "each metric scaled to its largest value; (+) more is better, (-) less is better</text>%n", legendX));
        int baseline = TOP + PLOT;
        for (int m = 0; m < metrics.size(); m++) {
            Metric metric = metrics.get(m);
            int x0 = 30 + m * group;
            double max = runs.stream().mapToDouble(metric::of).filter(Double::isFinite).max().orElse(0);
            for (int s = 0; s < runs.size(); s++) {
                Results.SystemRun run = runs.get(s);
                double value = metric.of(run);
                int h = max > 0 && Double.isFinite(value) ? (int) Math.round(PLOT * value / max) : 0;
                int x = x0 + s * BAR;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s %s: %s</title></rect>%n",
                        x, baseline - h, BAR - 3, h, colour(run.system()), escape(run.system()), escape(metric.name()),
                        number(value)));
                svg.append(String.format(Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" font-size=\"9\" transform=\"rotate(-90 %d %d)\">%s</text>%n",
                        x + 13, baseline - h - 3, x + 13, baseline - h - 3, number(value)));
            }
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>%n",
                    x0 + runs.size() * BAR / 2, baseline + 16, escape(metric.name().split(" ")[0])));
            String rest = metric.name().contains(" ") ? metric.name().substring(metric.name().indexOf(' ') + 1) : "";
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s (%s)</text>%n",
                    x0 + runs.size() * BAR / 2, baseline + 30, escape(rest), metric.higherIsBetter() ? "+" : "-"));
        }
        svg.append(String.format("<line x1=\"20\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", baseline,
                width - 10, baseline));
        return svg.append("</svg>\n").toString();
    }

    private static String colour(String system) {
        return COLOURS.getOrDefault(system, "#7f7f7f");
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
