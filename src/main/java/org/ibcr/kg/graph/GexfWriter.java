package org.ibcr.kg.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;
import org.ibcr.kg.graph.RelationshipGraph.Spell;

/**
 * GEXF (<a href="https://gexf.net/">gexf.net</a>), written with the JDK's StAX writer: 1.2draft by default, the
 * version NetworkX (every release), graphology and Gephi read; 1.3 on request, which Gephi reads and NetworkX only
 * after 3.5. The graph is dynamic with integer years ({@code <graph mode="dynamic" timeformat="integer">}): a node
 * or an edge active in one stretch of years has {@code start} and {@code end}, one active in several (with gaps)
 * has {@code <spells>}, so Gephi's timeline replays the history; an undated one exists at every time. Node
 * attributes are those of every export ({@code label_fr}, {@code kind}, {@code iri}, {@code lat}, {@code lon},
 * {@code degree}, {@code weighted_degree}, {@code betweenness}, {@code closeness}, {@code pagerank},
 * {@code community}), typed; edges have their label, weight and {@code kind} (the relation) as GEXF's own
 * attributes, and {@code type}, {@code role} and the projection's attributes ({@code milestones}, {@code roles}...)
 * as declared attributes. No {@code viz} element: layout, colours and sizes are left to the reader.
 *
 * <pre>{@code
 * GexfWriter.write(graph, out);                                   // GEXF 1.2draft
 * GexfWriter.writer(GexfWriter.Version.V1_3).write(graph, out);  // GEXF 1.3
 * }</pre>
 */
public final class GexfWriter {
    /** The GEXF versions written. */
    public enum Version {
        /** GEXF 1.2draft, the default: NetworkX, graphology and Gephi read it. */
        V1_2DRAFT("1.2draft", "http://www.gexf.net/1.2draft", "1.2"),
        /** GEXF 1.3: Gephi reads it; NetworkX only after 3.5. */
        V1_3("1.3", "http://gexf.net/1.3", "1.3");

        private final String code;
        private final String namespace;
        private final String number;

        Version(String code, String namespace, String number) {
            this.code = code;
            this.namespace = namespace;
            this.number = number;
        }

        /** {@code 1.2draft} or {@code 1.3}: what {@code --gexf-version} and {@code ?version=} take. */
        public String code() {
            return code;
        }

        /** The XML namespace of the version. */
        public String namespace() {
            return namespace;
        }

        /** By code: {@code 1.2draft} (also {@code 1.2}) or {@code 1.3}. */
        public static Optional<Version> byCode(String code) {
            if ("1.2".equals(code)) return Optional.of(V1_2DRAFT);
            for (Version v : values()) if (v.code.equals(code)) return Optional.of(v);
            return Optional.empty();
        }
    }

    /** The GEXF 1.2draft namespace, the default. */
    public static final String NS = Version.V1_2DRAFT.namespace();
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private GexfWriter() {}

    /** Writes GEXF 1.2draft. */
    public static void write(RelationshipGraph graph, OutputStream out) throws IOException {
        write(graph, out, Version.V1_2DRAFT);
    }

    /** The writer of one version. */
    public static GraphWriter writer(Version version) {
        Objects.requireNonNull(version, "version");
        return (graph, out) -> write(graph, out, version);
    }

    public static void write(RelationshipGraph graph, OutputStream out, Version version) throws IOException {
        try {
            // The JDK's own factory, not whichever StAX implementation the classpath brings: the same bytes everywhere.
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            new GexfWriter.Doc(w, version.namespace()).graph(graph, version);
            w.flush();
            w.close();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IOException("GEXF export failed: " + e.getMessage(), e);
        }
    }

    /** Node attributes GEXF writes as its own ({@code label}) or as start, end and spells. */
    private static final Set<String> NODE_OWN = Set.of("label", "start", "end", "spells");

    private static final class Doc {
        private final XMLStreamWriter w;
        private final String ns;
        private int depth;

        Doc(XMLStreamWriter w, String ns) {
            this.w = w;
            this.ns = ns;
        }

        void graph(RelationshipGraph graph, Version version) throws XMLStreamException {
            List<String> extra = Exports.attributeNames(graph);
            NetworkFigures figures = NetworkFigures.of(graph);
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(ns);
            w.writeCharacters("\n");
            w.writeStartElement(ns, "gexf");
            w.writeDefaultNamespace(ns);
            w.writeNamespace("xsi", XSI);
            w.writeAttribute(XSI, "schemaLocation", ns + " " + ns + "/gexf.xsd");
            w.writeAttribute("version", version.number);
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
            for (Exports.Column c : Exports.NODE_COLUMNS) if (!NODE_OWN.contains(c.name())) declare(c.name(), c.type());
            close();
            open("attributes");
            w.writeAttribute("class", "edge");
            w.writeAttribute("mode", "static");
            declare("type", Exports.Type.STRING);
            declare("role", Exports.Type.STRING);
            for (String name : extra) declare(name, Exports.Type.STRING);
            close();

            open("nodes");
            for (GraphNode n : graph.nodes()) {
                open("node");
                w.writeAttribute("id", Exports.xml(n.id()));
                w.writeAttribute("label", Exports.xml(n.label()));
                time(n.spells(), n.start(), n.end(), () -> {
                    open("attvalues");
                    for (var v : Exports.nodeValues(n, figures).entrySet()) {
                        if (!NODE_OWN.contains(v.getKey())) value(v.getKey(), Exports.text(v.getValue()));
                    }
                    close();
                });
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
                time(e.spells(), e.start(), e.end(), () -> {
                    open("attvalues");
                    value("type", e.type());
                    value("role", e.attributes().getOrDefault("role", ""));
                    for (String name : extra) {
                        String v = e.attributes().get(name);
                        if (v != null) value(name, v);
                    }
                    close();
                });
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

        private interface Body {
            void write() throws XMLStreamException;
        }

        /**
         * One stretch of years as start and end attributes; several as a {@code <spells>} element after the
         * attribute values (the order GEXF's schema gives), and then no start or end, which would span the gaps.
         */
        private void time(List<Spell> spells, Optional<Integer> start, Optional<Integer> end, Body body) throws XMLStreamException {
            if (spells.size() <= 1) {
                years(start, end);
                body.write();
                return;
            }
            body.write();
            open("spells");
            for (Spell s : spells) {
                empty("spell");
                w.writeAttribute("start", Integer.toString(s.start()));
                w.writeAttribute("end", Integer.toString(s.end()));
            }
            close();
        }

        private void years(Optional<Integer> start, Optional<Integer> end) throws XMLStreamException {
            if (start.isPresent()) w.writeAttribute("start", start.get().toString());
            if (end.isPresent()) w.writeAttribute("end", end.get().toString());
        }

        private void declare(String name, Exports.Type type) throws XMLStreamException {
            empty("attribute");
            w.writeAttribute("id", name);
            w.writeAttribute("title", name);
            w.writeAttribute("type", switch (type) {
                case STRING -> "string";
                case INT -> "integer";
                case DOUBLE -> "double";
            });
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
            w.writeStartElement(ns, name);
            depth++;
        }

        private void close() throws XMLStreamException {
            depth--;
            indent();
            w.writeEndElement();
        }

        private void empty(String name) throws XMLStreamException {
            indent();
            w.writeEmptyElement(ns, name);
        }

        private void leaf(String name, String text) throws XMLStreamException {
            indent();
            w.writeStartElement(ns, name);
            w.writeCharacters(Exports.xml(text));
            w.writeEndElement();
        }
    }
}
