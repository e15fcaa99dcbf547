package org.ibcr.kg.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How cost grows with size, as an SVG line chart written as plain text: seconds against triples, both axes
 * logarithmic, one line per measure and peer. A straight line of slope 1 is linear cost.
 *
 * <pre>{@code
 * String svg = ScalingPlot.svg(Map.of("convert (ours)", Map.of(4_500L, 0.9, 45_000L, 1.4)));
 * }</pre>
 */
public final class ScalingPlot {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"};
    private static final int W = 760;
    private static final int H = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 250;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;

    private ScalingPlot() {}

    /** The chart of {@code series}: name to (triples to seconds). */
    public static String svg(Map<String, Map<Long, Double>> series) {
        Objects.requireNonNull(series, "series");
        double minX = Double.MAX_VALUE, maxX = 0, minY = Double.MAX_VALUE, maxY = 0;
        for (Map<Long, Double> s : series.values()) {
            for (var e : s.entrySet()) {
                minX = Math.min(minX, e.getKey());
                maxX = Math.max(maxX, e.getKey());
                minY = Math.min(minY, Math.max(e.getValue(), 0.001));
                maxY = Math.max(maxY, e.getValue());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        sb.append("<title>Seconds against triples, log-log</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        if (maxX == 0) {
            sb.append("<text x=\"20\" y=\"40\">no measurement</text>\n</svg>\n");
            return sb.toString();
        }
        double x0 = Math.floor(Math.log10(minX)), x1 = Math.max(x0 + 1, Math.ceil(Math.log10(maxX)));
        double y0 = Math.floor(Math.log10(minY)), y1 = Math.max(y0 + 1, Math.ceil(Math.log10(maxY)));
        int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
                LEFT, TOP, pw, ph));
        for (int d = (int) x0; d <= x1; d++) {
            double x = LEFT + (d - x0) / (x1 - x0) * pw;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP, x, TOP + ph, x, TOP + ph + 16, power(d)));
        }
        for (int d = (int) y0; d <= y1; d++) {
            double y = TOP + ph - (d - y0) / (y1 - y0) * ph;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s s</text>%n", LEFT, y, LEFT + pw, y, LEFT - 6, y + 4, power(d)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">triples</text>%n", LEFT + pw / 2, H - 10));
        int i = 0;
        for (var entry : series.entrySet()) {
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (var e : entry.getValue().entrySet()) {
                double x = LEFT + (Math.log10(e.getKey()) - x0) / (x1 - x0) * pw;
                double y = TOP + ph - (Math.log10(Math.max(e.getValue(), 0.001)) - y0) / (y1 - y0) * ph;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, colour));
            }
            sb.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    points.toString().strip(), colour));
            int ly = TOP + 10 + i * 20;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + pw + 12, ly, LEFT + pw + 32, ly, colour, LEFT + pw + 38, ly + 4,
                    escape(entry.getKey())));
            i++;
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static String power(int d) {
        List<String> names = List.of("0.001", "0.01", "0.1", "1", "10", "100", "1k", "10k", "100k", "1M", "10M", "100M", "1G");
        return d + 3 >= 0 && d + 3 < names.size() ? names.get(d + 3) : "1e" + d;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
