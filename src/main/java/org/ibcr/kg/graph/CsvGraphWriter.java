package org.ibcr.kg.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;

/**
 * A nodes file and an edges file in the header convention of Neo4j's bulk importer
 * ({@code neo4j-admin database import full --nodes=actors-nodes.csv --relationships=actors-edges.csv neo4j}),
 * written with Commons CSV (RFC 4180 quoting, UTF-8, LF line ends):
 *
 * <pre>
 * iri:ID,label,label_fr,kind,start:int,end:int,spells,lat:double,lon:double,degree:int,weighted_degree:int,
 *   betweenness:double,closeness:double,pagerank:double,community:int,:LABEL
 * :START_ID,:END_ID,:TYPE,label,role,weight:int,start:int,end:int,spells,(the projection's attributes)
 * </pre>
 *
 * {@code :LABEL} gives Neo4j's labels, PascalCase and separated by ';': the kind ({@code Organisation}) and its
 * family ({@code Actor} for organisations, groups and people, {@code Place} for cities, countries and regions);
 * {@code :TYPE} is the edge type in upper snake case ({@code SHARED_MILESTONE}, {@code ROLE}, {@code LOCATED_IN});
 * {@code role} is the role id ({@code funder}) on every participation, so Cypher can filter on it; an unknown
 * value is an empty field, which the importer leaves unset.
 */
public final class CsvGraphWriter {
    /** The nodes header. */
    public static final List<String> NODE_HEADER = nodeHeader();
    /** The fixed start of the edges header; the projection's own attributes follow ({@link #edgeHeader}). */
    public static final List<String> EDGE_HEADER = List.of(":START_ID", ":END_ID", ":TYPE", "label", "role", "weight:int",
            "start:int", "end:int", "spells");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
    private static final Set<String> PLACES = Set.of("city", "country", "region");

    private CsvGraphWriter() {}

    private static List<String> nodeHeader() {
        List<String> header = new ArrayList<>(List.of("iri:ID"));
        for (Exports.Column c : Exports.NODE_COLUMNS) {
            if (c.name().equals("iri")) continue;
            header.add(c.name() + switch (c.type()) {
                case STRING -> "";
                case INT -> ":int";
                case DOUBLE -> ":double";
            });
        }
        header.add(":LABEL");
        return List.copyOf(header);
    }

    /** The edges header of a graph: {@link #EDGE_HEADER} and its projection's attributes, sorted. */
    public static List<String> edgeHeader(RelationshipGraph graph) {
        List<String> header = new ArrayList<>(EDGE_HEADER);
        header.addAll(Exports.attributeNames(graph));
        return header;
    }

    public static void writeNodes(RelationshipGraph graph, OutputStream out) throws IOException {
        NetworkFigures figures = NetworkFigures.of(graph);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, FORMAT);
        csv.printRecord(NODE_HEADER);
        for (GraphNode n : graph.nodes()) {
            Map<String, Object> values = Exports.nodeValues(n, figures);
            List<String> row = new ArrayList<>(List.of(n.id()));
            for (Exports.Column c : Exports.NODE_COLUMNS) {
                if (c.name().equals("iri")) continue;
                Object v = values.get(c.name());
                row.add(v == null ? "" : Exports.text(v));
            }
            row.add(neo4jLabels(n.kind()));
            csv.printRecord(row);
        }
        csv.flush();
    }

    public static void writeEdges(RelationshipGraph graph, OutputStream out) throws IOException {
        List<String> extra = Exports.attributeNames(graph);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, FORMAT);
        csv.printRecord(edgeHeader(graph));
        for (GraphEdge e : graph.edges()) {
            Map<String, Object> values = Exports.edgeValues(e);
            List<String> row = new ArrayList<>(List.of(e.source(), e.target(), neo4jType(e.type())));
            for (String name : List.of("label", "role", "weight", "start", "end", "spells")) {
                Object v = values.get(name);
                row.add(v == null ? "" : Exports.text(v));
            }
            for (String name : extra) row.add(Exports.attribute(e, name));
            csv.printRecord(row);
        }
        csv.flush();
    }

    /** {@code shared-milestone} to {@code SHARED_MILESTONE}, {@code locatedIn} to {@code LOCATED_IN}. */
    public static String neo4jType(String type) {
        String snake = type.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_");
        return snake.replaceAll("^_+|_+$", "").toUpperCase(Locale.ROOT);
    }

    /** {@code organisation} to {@code Organisation}. */
    public static String neo4jLabel(String kind) {
        return kind.isEmpty() ? kind : kind.substring(0, 1).toUpperCase(Locale.ROOT) + kind.substring(1);
    }

    /** {@code organisation} to {@code Organisation;Actor}, {@code city} to {@code City;Place}. */
    public static String neo4jLabels(String kind) {
        if (GraphProjector.isActor(kind)) return neo4jLabel(kind) + ";Actor";
        if (PLACES.contains(kind)) return neo4jLabel(kind) + ";Place";
        return neo4jLabel(kind);
    }
}
