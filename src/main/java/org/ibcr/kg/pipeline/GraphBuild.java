package org.ibcr.kg.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.ibcr.kg.convert.ConversionStats;
import org.ibcr.kg.convert.DatasetDescription;
import org.ibcr.kg.convert.HistoryConverter;
import org.ibcr.kg.convert.IriScheme;
import org.ibcr.kg.model.History;
import org.ibcr.kg.model.Origin;
import org.ibcr.kg.vocab.OntologyFiles;

/**
 * The whole pipeline from a {@link History} to RDF: the data converted, the ontology, and the dataset
 * description, as three named graphs ({@link #build()}), or streamed as one sequence of triples
 * ({@link #stream(StreamRDF)}) for outputs too large to hold.
 *
 * <pre>{@code
 * BuiltGraph graph = GraphBuild.from(CsvHistory.open(Path.of("data"))).base("https://example.org/").build();
 * }</pre>
 */
public final class GraphBuild {
    private final History history;
    private String base = IriScheme.DEFAULT_BASE;

    private GraphBuild(History history) {
        this.history = history;
    }

    public static GraphBuild from(History history) {
        return new GraphBuild(Objects.requireNonNull(history, "history"));
    }

    public GraphBuild base(String base) {
        this.base = Objects.requireNonNull(base, "base");
        return this;
    }

    /** Converts into memory: the data, ontology and description graphs, and the row of each subject. */
    public BuiltGraph build() {
        Map<Node, Origin> origins = new HashMap<>();
        HistoryConverter converter = HistoryConverter.create().base(base).onSubject(origins::put).build();
        IriScheme iris = converter.iris();
        Graph data = GraphFactory.createDefaultGraph();
        ConversionStats stats = converter.convert(history, StreamRDFLib.graph(data));
        Graph description = GraphFactory.createDefaultGraph();
        DatasetDescription.of(iris, history.dataset(), stats).writeTo(StreamRDFLib.graph(description));
        DatasetGraph dataset = DatasetGraphFactory.createGeneral();
        dataset.addGraph(iris.ontologyGraph(), OntologyFiles.ontology());
        dataset.addGraph(iris.dataGraph(), data);
        dataset.addGraph(iris.descriptionGraph(), description);
        return new BuiltGraph(dataset, iris, stats, origins);
    }

    /**
     * Streams the ontology, the data and the description, in that order, as quads of their named graphs (as
     * {@link #build()} names them); holds nothing but the id indexes of the source. Calls {@code start} and
     * {@code finish} on {@code out}.
     */
    public ConversionStats streamGraphs(StreamRDF out) {
        Objects.requireNonNull(out, "out");
        HistoryConverter converter = HistoryConverter.create().base(base).build();
        IriScheme iris = converter.iris();
        out.start();
        OntologyFiles.ontology().find().forEachRemaining(t -> out.quad(Quad.create(iris.ontologyGraph(), t)));
        ConversionStats stats = converter.convert(history, new IntoGraph(out, iris.dataGraph()));
        DatasetDescription.of(iris, history.dataset(), stats).writeTo(new IntoGraph(out, iris.descriptionGraph()));
        out.finish();
        return stats;
    }

    /** Triples written to it go on as quads of one graph; start and finish are the caller's. */
    private static final class IntoGraph extends StreamRDFWrapper {
        private final Node graph;

        IntoGraph(StreamRDF out, Node graph) {
            super(out);
            this.graph = graph;
        }

        @Override
        public void start() {}

        @Override
        public void finish() {}

        @Override
        public void triple(Triple triple) {
            other.quad(Quad.create(graph, triple));
        }
    }

    /**
     * Streams the ontology, the data and the description, in that order, as plain triples; holds nothing
     * but the id indexes of the source. Calls {@code start} and {@code finish} on {@code out}.
     */
    public ConversionStats stream(StreamRDF out) {
        Objects.requireNonNull(out, "out");
        HistoryConverter converter = HistoryConverter.create().base(base).build();
        out.start();
        OntologyFiles.ontology().find().forEachRemaining(out::triple);
        ConversionStats stats = converter.convert(history, out);
        DatasetDescription.of(converter.iris(), history.dataset(), stats).writeTo(out);
        out.finish();
        return stats;
    }
}
