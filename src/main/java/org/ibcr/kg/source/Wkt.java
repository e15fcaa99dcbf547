package org.ibcr.kg.source;

import java.math.BigDecimal;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Reads the WKT outline a curator pastes into a table with JTS, the geometry library GeoSPARQL tools use,
 * so that a truncated or mangled cell is reported at its file, line and column rather than published: it
 * must parse as a MULTIPOLYGON with closed rings, and every point must be a longitude and latitude in
 * range (CRS84: longitude first). The literal goes to the graph as written.
 */
final class Wkt {
    private Wkt() {}

    static String multiPolygon(CsvRow row, String column) {
        String wkt = row.required(column);
        Geometry geometry;
        try {
            geometry = new WKTReader().read(wkt);
        } catch (ParseException | IllegalArgumentException e) {
            // JTS says what it expected and where it stopped ("Expected number but encountered end of stream").
            // Its "(line 1)" counts the WKT's lines, not the table's: left off beside our file:line:column.
            throw row.error(column, "not a WKT MULTIPOLYGON (truncated or mangled cell?): "
                    + String.valueOf(e.getMessage()).replaceFirst(" \\(line \\d+\\)$", ""));
        }
        if (!(geometry instanceof MultiPolygon)) {
            throw row.error(column, "not a WKT MULTIPOLYGON but a " + geometry.getGeometryType()
                    + ": it must read MULTIPOLYGON (((lon lat, ...)))");
        }
        for (Coordinate c : geometry.getCoordinates()) {
            if (c.x < -180 || c.x > 180 || c.y < -90 || c.y > 90) {
                throw row.error(column, "'" + plain(c.x) + " " + plain(c.y)
                        + "' is not a longitude and latitude (CRS84: longitude first)");
            }
        }
        return wkt;
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
