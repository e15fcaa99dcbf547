package org.ibcr.kg.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;

/**
 * A nodes file and an edges file in the header convention of Neo4j's bulk importer
 * ({@code neo4j-admin database import full --nodes=actors-nodes.csv --relationships=actors-edges.csv}), written
 * with Commons CSV (RFC 4180 quoting, UTF-8, LF line ends):
 *
 * <pre>
 * iri:ID,label,kind,start:int,end:int,:LABEL
 * :START_ID,:END_ID,:TYPE,label,weight:int,start:int,end:int,roles,milestones
 * </pre>
 *
 * {@code :LABEL} is the kind capitalised ({@code Organisation}); {@code :TYPE} is the edge type in upper case with
 * underscores ({@code SHARED_MILESTONE}); an unknown year is an empty field.
 */
public final class CsvGraphWriter {
    public static final List<String> NODE_HEADER = List.of("iri:ID", "label", "kind", "start:int", "end:int", ":LABEL");
    public static final List<String> EDGE_HEADER = List.of(":START_ID", ":END_ID", ":TYPE", "label", "weight:int", "start:int",
            "end:int", "roles", "milestones");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private CsvGraphWriter() {}

    public static void writeNodes(RelationshipGraph graph, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, FORMAT);
        csv.printRecord(NODE_HEADER);
        for (GraphNode n : graph.nodes()) {
            csv.printRecord(n.id(), n.label(), n.kind(), year(n.start()), year(n.end()), neo4jLabel(n.kind()));
        }
        csv.flush();
    }

    public static void writeEdges(RelationshipGraph graph, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, FORMAT);
        csv.printRecord(EDGE_HEADER);
        for (GraphEdge e : graph.edges()) {
            csv.printRecord(e.source(), e.target(), neo4jType(e.type()), e.label(), e.weight(), year(e.start()), year(e.end()),
                    Exports.attribute(e, "roles"), Exports.attribute(e, "milestones"));
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

    private static String year(Optional<Integer> year) {
        return year.map(String::valueOf).orElse("");
    }
}
