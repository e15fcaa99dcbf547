package org.ibcr.kg.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;

/**
 * GraphML (<a href="http://graphml.graphdrawing.org/">graphml.graphdrawing.org</a>), written with the JDK's StAX
 * writer, valid against GraphML's schema, with typed attributes: nodes have the attributes of every export
 * ({@code label}, {@code label_fr}, {@code kind}, {@code iri}, {@code start}, {@code end}, {@code spells},
 * {@code lat}, {@code lon}, {@code degree}, {@code weighted_degree}, {@code betweenness}, {@code closeness},
 * {@code pagerank}, {@code community}), edges {@code type}, {@code label}, {@code role}, {@code weight} (int),
 * {@code start}, {@code end}, {@code spells} and the projection's own attributes ({@code milestones},
 * {@code roles}...) as strings. A name both nodes and edges have gets a key for each ({@code for="node"} and
 * {@code for="edge"}): igraph ignores keys {@code for="all"}. Node ids are short forms of the IRIs
 * ({@code organisation:ibcr}: GraphML's schema allows no '/' in an id), the IRIs themselves are the {@code iri}
 * attribute. The full view is directed, the others undirected.
 *
 * <pre>{@code
 * GraphMlWriter.write(graph, out);   // then in Python: networkx.read_graphml(path), igraph.Graph.Read_GraphML(path)
 * }</pre>
 */
public final class GraphMlWriter {
    /** The GraphML namespace. */
    public static final String NS = "http://graphml.graphdrawing.org/xmlns";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private GraphMlWriter() {}

    public static void write(RelationshipGraph graph, OutputStream out) throws IOException {
        try {
            // The JDK's own factory, not whichever StAX implementation the classpath brings: the same bytes everywhere.
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            new Doc(w).graph(graph);
            w.flush();
            w.close();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IOException("GraphML export failed: " + e.getMessage(), e);
        }
    }

    private static final class Doc {
        private final XMLStreamWriter w;
        private int depth;

        Doc(XMLStreamWriter w) {
            this.w = w;
        }

        void graph(RelationshipGraph graph) throws XMLStreamException {
            List<String> extra = Exports.attributeNames(graph);
            NetworkFigures figures = NetworkFigures.of(graph);
            Map<String, String> ids = ids(graph);
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(NS);
            w.writeCharacters("\n");
            w.writeStartElement(NS, "graphml");
            w.writeDefaultNamespace(NS);
            w.writeNamespace("xsi", XSI);
            w.writeAttribute(XSI, "schemaLocation", NS + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
            depth++;
            for (Exports.Column c : Exports.NODE_COLUMNS) key("node", c.name(), c.type());
            for (Exports.Column c : Exports.EDGE_COLUMNS) key("edge", c.name(), c.type());
            for (String name : extra) key("edge", name, Exports.Type.STRING);

            open("graph");
            w.writeAttribute("id", "ibcr-" + graph.view());
            w.writeAttribute("edgedefault", Exports.directed(graph) ? "directed" : "undirected");
            for (GraphNode n : graph.nodes()) {
                open("node");
                w.writeAttribute("id", ids.get(n.id()));
                for (var v : Exports.nodeValues(n, figures).entrySet()) data("node", v.getKey(), Exports.text(v.getValue()));
                close();
            }
            for (GraphEdge e : graph.edges()) {
                open("edge");
                w.writeAttribute("id", e.id());
                w.writeAttribute("source", ids.get(e.source()));
                w.writeAttribute("target", ids.get(e.target()));
                for (var v : Exports.edgeValues(e).entrySet()) data("edge", v.getKey(), Exports.text(v.getValue()));
                for (String name : extra) {
                    String value = e.attributes().get(name);
                    if (value != null) data("edge", name, value);
                }
                close();
            }
            close(); // graph
            depth--;
            w.writeCharacters("\n");
            w.writeEndElement(); // graphml
            w.writeCharacters("\n");
            w.writeEndDocument();
        }

        private void key(String domain, String name, Exports.Type type) throws XMLStreamException {
            indent();
            w.writeEmptyElement(NS, "key");
            w.writeAttribute("id", domain + "-" + name);
            w.writeAttribute("for", domain);
            w.writeAttribute("attr.name", name);
            w.writeAttribute("attr.type", switch (type) {
                case STRING -> "string";
                case INT -> "int";
                case DOUBLE -> "double";
            });
        }

        private void data(String domain, String name, String value) throws XMLStreamException {
            indent();
            w.writeStartElement(NS, "data");
            w.writeAttribute("key", domain + "-" + name);
            w.writeCharacters(Exports.xml(value));
            w.writeEndElement();
        }

        private void indent() throws XMLStreamException {
            w.writeCharacters("\n" + "  ".repeat(depth));
        }

        private void open(String name) throws XMLStreamException {
            indent();
            w.writeStartElement(NS, name);
            depth++;
        }

        private void close() throws XMLStreamException {
            depth--;
            indent();
            w.writeEndElement();
        }
    }

    private static final java.util.regex.Pattern NMTOKEN = java.util.regex.Pattern.compile("[\\p{L}\\p{N}._:-]+");

    /**
     * GraphML node ids, which its schema types as NMTOKEN (no '/'): {@code {base}id/organisation/ibcr} is
     * {@code organisation:ibcr}, the same in every export of the same data; a node whose IRI does not give a
     * unique NMTOKEN that way is {@code n} and its position. The IRI itself is the {@code iri} attribute.
     */
    static Map<String, String> ids(RelationshipGraph graph) {
        Map<String, String> ids = new LinkedHashMap<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        List<GraphNode> nodes = graph.nodes();
        for (GraphNode n : nodes) {
            String iri = n.id();
            int at = iri.lastIndexOf("/id/");
            String id = at < 0 ? "" : iri.substring(at + 4).replace('/', ':');
            if (id.contains(":") && NMTOKEN.matcher(id).matches() && used.add(id)) ids.put(iri, id);
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (!ids.containsKey(nodes.get(i).id())) ids.put(nodes.get(i).id(), "n" + i);
        }
        for (GraphEdge e : graph.edges()) {
            for (String end : List.of(e.source(), e.target())) {
                if (!ids.containsKey(end)) ids.put(end, "n" + ids.size());
            }
        }
        return ids;
    }
}
