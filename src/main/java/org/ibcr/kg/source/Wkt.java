package org.ibcr.kg.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sanity check of the WKT outlines a curator pastes into a table, so that a truncated or mangled cell is
 * reported at its line and column rather than published: the shape of a MULTIPOLYGON, balanced
 * parentheses, and every coordinate pair a longitude and latitude in range. It is no WKT parser: the
 * literal goes to the graph as written, for GeoSPARQL tools to read.
 */
final class Wkt {
    private Wkt() {}

    private static final Pattern PAIR = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?) (-?[0-9]+(?:\\.[0-9]+)?)");

    static String multiPolygon(CsvRow row, String column) {
        String wkt = row.required(column);
        if (!wkt.startsWith("MULTIPOLYGON (((") || !wkt.endsWith(")))")) {
            throw row.error(column, "not a WKT MULTIPOLYGON: it must read MULTIPOLYGON (((lon lat, ...)))");
        }
        int depth = 0;
        for (int i = "MULTIPOLYGON ".length(); i < wkt.length(); i++) {
            char c = wkt.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == ' ' || c == ',')) {
                throw row.error(column, "unexpected character '" + c + "' at position " + (i + 1) + " of the WKT");
            }
            if (depth < 0 || depth > 3) throw row.error(column, "unbalanced parentheses at position " + (i + 1) + " of the WKT");
        }
        if (depth != 0) throw row.error(column, "unbalanced parentheses in the WKT (truncated cell?)");
        Matcher m = PAIR.matcher(wkt);
        int pairs = 0;
        while (m.find()) {
            pairs++;
            double lon = Double.parseDouble(m.group(1)), lat = Double.parseDouble(m.group(2));
            if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                throw row.error(column, "'" + m.group() + "' is not a longitude and latitude (CRS84: longitude first)");
            }
        }
        if (pairs < 4) throw row.error(column, "a polygon needs at least four points");
        return wkt;
    }
}
