package org.ibcr.kg.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;

/**
 * GEXF 1.3 (<a href="https://gexf.net/">gexf.net</a>), written with the JDK's StAX writer. The graph is dynamic
 * with integer years ({@code <graph mode="dynamic" timeformat="integer">}): nodes and edges carry {@code start}
 * and {@code end} where the history gives them (an element without them exists at every time), so Gephi's
 * timeline replays the history. Nodes have the attributes {@code kind} and {@code iri}; edges have their label,
 * weight and {@code kind} (the relation) as GEXF's own attributes, and {@code type} and the projection's
 * attributes ({@code milestones}, {@code roles}...) as declared attributes.
 */
public final class GexfWriter {
    /** The GEXF 1.3 namespace. */
    public static final String NS = "http://gexf.net/1.3";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private GexfWriter() {}

    public static void write(RelationshipGraph graph, OutputStream out) throws IOException {
        try {
            // The JDK's own factory, not whichever StAX implementation the classpath brings: the same bytes everywhere.
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            new GexfWriter.Doc(w).graph(graph);
            w.flush();
            w.close();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IOException("GEXF export failed: " + e.getMessage(), e);
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
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(NS);
            w.writeCharacters("\n");
            w.writeStartElement(NS, "gexf");
            w.writeDefaultNamespace(NS);
            w.writeNamespace("xsi", XSI);
            w.writeAttribute(XSI, "schemaLocation", NS + " " + NS + "/gexf.xsd");
            w.writeAttribute("version", "1.3");
            depth++;

            open("meta");
            leaf("creator", "ibcr-kg");
            leaf("description", "The history of the International Bureau for Children's Rights: " + graph.view()
                    + " view, " + graph.nodes().size() + " nodes and " + graph.edges().size() + " edges");
            close();

            open("graph");
            w.writeAttribute("mode", "dynamic");
            w.writeAttribute("defaultedgetype", Exports.directed(graph) ? "directed" : "undirected");
            w.writeAttribute("timeformat", "integer");

            open("attributes");
            w.writeAttribute("class", "node");
            w.writeAttribute("mode", "static");
            declare("kind");
            declare("iri");
            close();
            open("attributes");
            w.writeAttribute("class", "edge");
            w.writeAttribute("mode", "static");
            declare("type");
            for (String name : extra) declare(name);
            close();

            open("nodes");
            for (GraphNode n : graph.nodes()) {
                open("node");
                w.writeAttribute("id", Exports.xml(n.id()));
                w.writeAttribute("label", Exports.xml(n.label()));
                years(n.start(), n.end());
                open("attvalues");
                value("kind", n.kind());
                value("iri", n.id());
                close();
                close();
            }
            close();

            open("edges");
            for (GraphEdge e : graph.edges()) {
                open("edge");
                w.writeAttribute("id", Exports.xml(e.id()));
                w.writeAttribute("source", Exports.xml(e.source()));
                w.writeAttribute("target", Exports.xml(e.target()));
                w.writeAttribute("kind", Exports.xml(e.type()));
                w.writeAttribute("label", Exports.xml(e.label()));
                w.writeAttribute("weight", Integer.toString(e.weight()));
                years(e.start(), e.end());
                open("attvalues");
                value("type", e.type());
                for (String name : extra) {
                    String v = e.attributes().get(name);
                    if (v != null) value(name, v);
                }
                close();
                close();
            }
            close();

            close(); // graph
            depth--;
            w.writeCharacters("\n");
            w.writeEndElement(); // gexf
            w.writeCharacters("\n");
            w.writeEndDocument();
        }

        private void years(Optional<Integer> start, Optional<Integer> end) throws XMLStreamException {
            if (start.isPresent()) w.writeAttribute("start", start.get().toString());
            if (end.isPresent()) w.writeAttribute("end", end.get().toString());
        }

        private void declare(String name) throws XMLStreamException {
            empty("attribute");
            w.writeAttribute("id", name);
            w.writeAttribute("title", name);
            w.writeAttribute("type", "string");
        }

        private void value(String name, String value) throws XMLStreamException {
            empty("attvalue");
            w.writeAttribute("for", name);
            w.writeAttribute("value", Exports.xml(value));
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

        private void empty(String name) throws XMLStreamException {
            indent();
            w.writeEmptyElement(NS, name);
        }

        private void leaf(String name, String text) throws XMLStreamException {
            indent();
            w.writeStartElement(NS, name);
            w.writeCharacters(Exports.xml(text));
            w.writeEndElement();
        }
    }
}
