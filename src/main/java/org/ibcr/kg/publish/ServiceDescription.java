package org.ibcr.kg.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaRange;
import org.apache.jena.fuseki.DEF;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.VOID;
import org.ibcr.kg.vocab.SD;

/**
 * The SPARQL 1.1 Service Description of a query endpoint (W3C Recommendation, 2013): what a client that is given
 * only the endpoint's URL learns by dereferencing it. It names the endpoint, the query languages, every result
 * format Fuseki answers with (from Fuseki's own offers, so the list cannot drift from what it serves), the
 * union default graph, simple entailment, and the default dataset with its named graphs. It does not claim
 * {@code sd:BasicFederatedQuery}: {@code SERVICE} is refused.
 *
 * <pre>{@code
 * ServiceDescription sd = ServiceDescription.of(dataset);
 * Model m = sd.describe("http://127.0.0.1:3030/ibcr/sparql", "http://127.0.0.1:3030");
 * }</pre>
 */
public final class ServiceDescription {
    /** The W3C's simple entailment regime: no inference. */
    private static final String SIMPLE_ENTAILMENT = "http://www.w3.org/ns/entailment/Simple";
    /** The media types of Fuseki's offers that have a W3C format IRI, with that IRI's local name. */
    private static final List<String[]> FORMATS = List.of(
            new String[] {"application/sparql-results+json", "SPARQL_Results_JSON"},
            new String[] {"application/sparql-results+xml", "SPARQL_Results_XML"},
            new String[] {"text/csv", "SPARQL_Results_CSV"},
            new String[] {"text/tab-separated-values", "SPARQL_Results_TSV"},
            new String[] {"text/turtle", "Turtle"},
            new String[] {"application/n-triples", "N-Triples"},
            new String[] {"application/rdf+xml", "RDF_XML"},
            new String[] {"application/ld+json", "JSON-LD"},
            new String[] {"application/rdf+json", "RDF_JSON"},
            new String[] {"application/trig", "TriG"},
            new String[] {"application/n-quads", "N-Quads"});

    private final List<String> namedGraphs;

    private ServiceDescription(List<String> namedGraphs) {
        this.namedGraphs = List.copyOf(namedGraphs);
    }

    /**
     * The description of endpoints over a dataset: its named graphs are those of the IBCR scheme
     * ({@code {base}graph/data}, {@code .../ontology}, {@code .../dataset}) that it holds at this moment, the base
     * read from its VoID description ({@code void:uriSpace}), so no scan of the store is needed.
     */
    public static ServiceDescription of(DatasetGraph dataset) {
        Objects.requireNonNull(dataset, "dataset");
        List<String> graphs = Txn.calculateRead(dataset, () -> {
            List<String> found = new ArrayList<>();
            dataset.getUnionGraph().find(Node.ANY, VOID.uriSpace.asNode(), Node.ANY).nextOptional()
                    .map(t -> t.getObject().getLiteralLexicalForm())
                    .filter(space -> space.endsWith("id/"))
                    .map(space -> space.substring(0, space.length() - "id/".length()))
                    .ifPresent(base -> {
                        for (String name : List.of("data", "ontology", "dataset")) {
                            Node graph = NodeFactory.createURI(base + "graph/" + name);
                            if (dataset.containsGraph(graph)) found.add(graph.getURI());
                        }
                    });
            return found;
        });
        return new ServiceDescription(graphs);
    }

    /** The named graphs the description lists. */
    public List<String> namedGraphs() {
        return namedGraphs;
    }

    /** The W3C format IRIs of the answers Fuseki gives to queries: SPARQL results, and graphs for CONSTRUCT and DESCRIBE. */
    static List<String> resultFormats() {
        List<String> offered = new ArrayList<>();
        for (AcceptList offer : List.of(DEF.rsOfferTable, DEF.constructOffer)) {
            for (MediaRange range : offer.entries()) offered.add(range.getContentTypeStr());
        }
        List<String> formats = new ArrayList<>();
        for (String[] format : FORMATS) {
            if (offered.contains(format[0])) formats.add(SD.FORMATS + format[1]);
        }
        return formats;
    }

    /**
     * @param endpoint the absolute URL of the endpoint described
     * @param server   the absolute URL of the server's root, without a final slash, for the link to its VoID
     */
    public Model describe(String endpoint, String server) {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefix("sd", SD.NS);
        m.setNsPrefix("formats", SD.FORMATS);
        m.setNsPrefix("rdfs", RDFS.getURI());
        // IRIs, not blank nodes: the same request always gives the same bytes. The service is the endpoint's own
        // URL, the subject a client that dereferenced it looks for.
        Resource service = m.createResource(endpoint)
                .addProperty(RDF.type, SD.Service)
                .addProperty(SD.endpoint, m.createResource(endpoint))
                .addProperty(SD.supportedLanguage, SD.SPARQL10Query)
                .addProperty(SD.supportedLanguage, SD.SPARQL11Query)
                .addProperty(SD.feature, SD.UnionDefaultGraph)
                .addProperty(SD.defaultEntailmentRegime, m.createResource(SIMPLE_ENTAILMENT))
                .addProperty(RDFS.seeAlso, m.createResource(server + "/.well-known/void"));
        for (String format : resultFormats()) service.addProperty(SD.resultFormat, m.createResource(format));
        Resource dataset = m.createResource(endpoint + "#dataset").addProperty(RDF.type, SD.Dataset)
                .addProperty(SD.defaultGraph, m.createResource(endpoint + "#default-graph").addProperty(RDF.type, SD.Graph));
        for (String name : namedGraphs) {
            String local = name.substring(name.lastIndexOf('/') + 1);
            dataset.addProperty(SD.namedGraph, m.createResource(endpoint + "#graph-" + local).addProperty(RDF.type, SD.NamedGraph)
                    .addProperty(SD.name, m.createResource(name)));
        }
        service.addProperty(SD.defaultDataset, dataset);
        return m;
    }
}
