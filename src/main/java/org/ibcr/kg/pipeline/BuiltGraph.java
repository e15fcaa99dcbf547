package org.ibcr.kg.pipeline;

import java.util.Collections;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.ibcr.kg.convert.ConversionStats;
import org.ibcr.kg.convert.IriScheme;
import org.ibcr.kg.model.Origin;

/**
 * A converted graph in memory: the named graphs (ontology, data, dataset description), the IRI scheme
 * they were minted with, what the conversion counted, and the data row of each subject.
 */
public record BuiltGraph(DatasetGraph dataset, IriScheme iris, ConversionStats stats, Map<Node, Origin> origins) {
    public BuiltGraph {
        origins = Collections.unmodifiableMap(origins);
    }

    public Graph data() {
        return dataset.getGraph(iris.dataGraph());
    }

    /** The data with the ontology, as SHACL sees it: the ontology's concepts and subclasses are known. */
    public Graph dataWithOntology() {
        Graph graph = GraphFactory.createDefaultGraph();
        dataset.getGraph(iris.ontologyGraph()).find().forEachRemaining(graph::add);
        data().find().forEachRemaining(graph::add);
        return graph;
    }

    /** The union of the three graphs, in a fixed order (ontology, data, description). */
    public Graph union() {
        Graph union = GraphFactory.createDefaultGraph();
        for (Node name : new Node[] {iris.ontologyGraph(), iris.dataGraph(), iris.descriptionGraph()}) {
            dataset.getGraph(name).find().forEachRemaining(union::add);
        }
        return union;
    }

    /** A dataset for SPARQL: the named graphs, and their union as the default graph. */
    public Dataset queryDataset() {
        DatasetGraph dsg = DatasetGraphFactory.create(union());
        dataset.listGraphNodes().forEachRemaining(name -> dsg.addGraph(name, dataset.getGraph(name)));
        return DatasetFactory.wrap(dsg);
    }
}
