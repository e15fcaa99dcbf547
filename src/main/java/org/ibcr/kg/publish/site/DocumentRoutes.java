package org.ibcr.kg.publish.site;

import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.VOID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.publish.http.Negotiation;
import org.ibcr.kg.publish.http.Reply;
import org.ibcr.kg.vocab.IBCR;
import org.ibcr.kg.vocab.OntologyFiles;

/**
 * The documents about the dataset itself: the ontology ({@code /ontology}, negotiated, and {@code /ontology.ttl}
 * and the other extensions), the VoID and DCAT description ({@code /dataset}, {@code /.well-known/void},
 * {@code /dataset.ttl}...), and the named graphs ({@code /graph/data}, {@code /graph/ontology},
 * {@code /graph/dataset}), each described with its size, what it holds and its Graph Store Protocol URL; and the
 * files a consumer checks and compacts the data with: the SHACL shapes ({@code /ontology/shapes}, negotiated, and
 * {@code /ontology/shapes.ttl}...) and the JSON-LD context ({@code /ontology/context.jsonld}), both named in the VoID.
 */
final class DocumentRoutes {
    /** Where the shapes and the context are, below the server's root (and below the canonical base). */
    static final String SHAPES = "/ontology/shapes";
    static final String CONTEXT = "/ontology/context.jsonld";
    private static final String JSONLD = "application/ld+json";
    /** The shapes as any RDF format, Turtle first; no HTML page of their own. */
    private static final List<String> RDF_OFFERS = DocumentFormat.OFFERS.stream().filter(t -> !Negotiation.isHtml(t)).toList();
    private static final Body SHAPES_FILE = Site.resource(OntologyFiles.SHAPES, "text/turtle; charset=utf-8");
    private static final Body CONTEXT_FILE = Site.resource(OntologyFiles.CONTEXT, JSONLD);

    /** The SPARQL endpoint and the Graph Store Protocol read endpoint, below the server's root. */
    private final String sparqlPath;
    private final String gspPath;
    private final Site site;

    DocumentRoutes(Site site, String datasetPath) {
        this.site = site;
        this.sparqlPath = datasetPath + "/sparql";
        this.gspPath = datasetPath + "/get";
    }

    /** {@code /ontology}: the HTML page or the ontology in the format {@code Accept} names. */
    Reply ontology(Exchange x) {
        String type = Negotiation.choose(x.header("Accept"), DocumentFormat.OFFERS).orElseThrow(ResourceRoutes::notAcceptable);
        Reply reply = Negotiation.isHtml(type)
                ? site.html(x, "ontology", lang -> new PageModels(site, lang, x.langInAddress()).ontology())
                : ontologyIn(DocumentFormat.byMediaType(type).orElseThrow(), type);
        return withAlternates(reply.vary("Accept", "Accept-Language"), "/ontology").link(IBCR.ONTOLOGY, "canonical", null);
    }

    /** {@code /ontology.{ext}}: the ontology in that format. */
    Route.Handler ontologyAs(DocumentFormat format) {
        return x -> withAlternates(ontologyIn(format, format.mediaType()), "/ontology").link(IBCR.ONTOLOGY, "canonical", null);
    }

    private Reply ontologyIn(DocumentFormat format, String type) {
        Body body = site.cached(List.of("ontology", format.extension()), () -> site.document(copyOf("ontology"), format));
        return Reply.of(type.equals(DocumentFormat.JSON) ? body.as(type) : body).lastModified(site.lastModified());
    }

    /** {@code /ontology/shapes}: the SHACL shapes in the format {@code Accept} names; Turtle is the file itself. */
    Reply shapes(Exchange x) {
        String type = Negotiation.choose(x.header("Accept"), RDF_OFFERS).orElseThrow(ResourceRoutes::notAcceptable);
        return shapesIn(DocumentFormat.byMediaType(type).orElseThrow(), type).vary("Accept");
    }

    /** {@code /ontology/shapes.{ext}}: the shapes in that format. */
    Route.Handler shapesAs(DocumentFormat format) {
        return x -> shapesIn(format, format.mediaType());
    }

    private Reply shapesIn(DocumentFormat format, String type) {
        Body body = format.lang().equals(Lang.TURTLE) ? SHAPES_FILE
                : site.cached(List.of("shapes", format.extension()), () -> site.document(OntologyFiles.shapes(), format));
        return withAlternates(Reply.of(type.equals(DocumentFormat.JSON) ? body.as(type) : body), SHAPES)
                .lastModified(site.lastModified()).link(site.address().canonicalBase() + SHAPES.substring(1), "canonical", null);
    }

    /**
     * {@code /ontology/context.jsonld} (and {@code /ontology/context}): the JSON-LD context, a file with one type
     * whatever {@code Accept} says, as JSON-LD processors expect of a remote context.
     */
    Reply context(Exchange x) {
        return Reply.of(CONTEXT_FILE).lastModified(site.lastModified())
                .link(site.address().canonicalBase() + CONTEXT.substring(1), "canonical", null);
    }

    /** {@code /dataset} and {@code /.well-known/void}: the description by {@code Accept}; a browser goes home (303). */
    Reply dataset(Exchange x) {
        String type = Negotiation.choose(x.header("Accept"), DocumentFormat.OFFERS).orElseThrow(ResourceRoutes::notAcceptable);
        if (Negotiation.isHtml(type)) return Reply.redirect(303, site.address().url("/")).vary("Accept");
        Body body = site.document(description(x), DocumentFormat.byMediaType(type).orElseThrow());
        return withAlternates(Reply.of(type.equals(DocumentFormat.JSON) ? body.as(type) : body), "/dataset")
                .lastModified(site.lastModified()).vary("Accept").link(site.address().canonicalBase() + "dataset", "canonical", null);
    }

    /** {@code /dataset.{ext}}: the description in that format. */
    Route.Handler datasetAs(DocumentFormat format) {
        return x -> withAlternates(Reply.of(site.document(description(x), format)), "/dataset").lastModified(site.lastModified())
                .link(site.address().canonicalBase() + "dataset", "canonical", null);
    }

    /** {@code /graph/{name}}: what a named graph is, by {@code Accept}: a page, or its description as data. */
    Route.Handler namedGraph(String name) {
        return x -> {
            String type = Negotiation.choose(x.header("Accept"), DocumentFormat.OFFERS).orElseThrow(ResourceRoutes::notAcceptable);
            String iri = site.address().canonicalBase() + "graph/" + name;
            Reply reply;
            if (Negotiation.isHtml(type)) {
                reply = site.html(x, "namedgraph", lang -> new PageModels(site, lang, x.langInAddress())
                        .namedGraph(name, x.path(), iri, triples(name), gspUrl(x, iri), site.address().url(sparqlPath)));
            } else {
                Body body = site.document(graphDescription(x, name, iri), DocumentFormat.byMediaType(type).orElseThrow());
                reply = Reply.of(type.equals(DocumentFormat.JSON) ? body.as(type) : body).lastModified(site.lastModified());
            }
            return reply.vary("Accept", "Accept-Language").link(iri, "canonical", null).link(gspUrl(x, iri), "describedby", "text/turtle");
        };
    }

    private Graph graphDescription(Exchange x, String name, String iri) {
        Node g = NodeFactory.createURI(iri);
        Graph d = GraphFactory.createDefaultGraph();
        Map<String, String> en = site.texts("en");
        Map<String, String> fr = site.texts("fr");
        d.add(g, RDF.type.asNode(), VOID.Dataset.asNode());
        d.add(g, DCTerms.title.asNode(), NodeFactory.createLiteralLang(en.get("graph_" + name), "en"));
        d.add(g, DCTerms.title.asNode(), NodeFactory.createLiteralLang(fr.get("graph_" + name), "fr"));
        d.add(g, DCTerms.description.asNode(), NodeFactory.createLiteralLang(en.get("graph_" + name + "_text"), "en"));
        d.add(g, DCTerms.description.asNode(), NodeFactory.createLiteralLang(fr.get("graph_" + name + "_text"), "fr"));
        d.add(g, VOID.triples.asNode(), NodeFactory.createLiteralDT(Long.toString(triples(name)), XSDDatatype.XSDinteger));
        d.add(g, DCTerms.isPartOf.asNode(), NodeFactory.createURI(site.address().canonicalBase() + "dataset"));
        d.add(g, VOID.dataDump.asNode(), NodeFactory.createURI(x.absoluteBase() + gspPath + "?graph=" + iri));
        d.add(g, VOID.sparqlEndpoint.asNode(), NodeFactory.createURI(x.absoluteBase() + sparqlPath));
        return d;
    }

    private long triples(String name) {
        Node graphName = NodeFactory.createURI(site.address().canonicalBase() + "graph/" + name);
        return Txn.calculateRead(site.content().dataset(), () -> site.content().dataset().getGraph(graphName).size());
    }

    private String gspUrl(Exchange x, String iri) {
        return site.address().url(gspPath) + "?graph=" + iri;
    }

    private Reply withAlternates(Reply reply, String path) {
        for (DocumentFormat f : DocumentFormat.ALL) reply.link(site.address().url(path + "." + f.extension()), "alternate", f.mediaType());
        return reply;
    }

    /** A copy of a named graph, read in one transaction. */
    private Graph copyOf(String name) {
        Node graphName = NodeFactory.createURI(site.address().canonicalBase() + "graph/" + name);
        return Txn.calculateRead(site.content().dataset(), () -> {
            Graph copy = GraphFactory.createDefaultGraph();
            site.content().dataset().getGraph(graphName).find().forEachRemaining(copy::add);
            return copy;
        });
    }

    private void describeFile(Graph g, Node file, String titleKey, String mediaType) {
        g.add(file, DCTerms.title.asNode(), NodeFactory.createLiteralLang(site.texts("en").get(titleKey), "en"));
        g.add(file, DCTerms.title.asNode(), NodeFactory.createLiteralLang(site.texts("fr").get(titleKey), "fr"));
        g.add(file, DCTerms.format.asNode(), NodeFactory.createURI("https://www.iana.org/assignments/media-types/" + mediaType));
    }

    /**
     * DCAT 3 versions: the dataset's version number ({@code dcat:version}), its current and previous versions, and
     * every kept version ({@code dcat:hasVersion}) with its time and dated dumps. A version is
     * {@code {base}dataset#version-N}, described here.
     */
    private void describeVersions(Graph g, Node d, String base, String canonical) {
        var latest = site.history().flatMap(h -> h.log().latest());
        if (latest.isEmpty()) return;
        long n = latest.get().number();
        g.add(d, dcat("version"), NodeFactory.createLiteralString(Long.toString(n)));
        g.add(d, dcat("hasCurrentVersion"), version(canonical, n));
        if (n > 1) g.add(d, dcat("previousVersion"), version(canonical, n - 1));
        for (var v : site.keptVersions()) {
            Node vn = version(canonical, v.number());
            g.add(d, dcat("hasVersion"), vn);
            g.add(vn, RDF.type.asNode(), DCAT.Dataset.asNode());
            g.add(vn, DCTerms.isVersionOf.asNode(), d);
            g.add(vn, dcat("version"), NodeFactory.createLiteralString(Long.toString(v.number())));
            g.add(vn, DCTerms.issued.asNode(), NodeFactory.createLiteralDT(v.time().toString(), XSDDatatype.XSDdateTime));
            if (v.number() > 1) g.add(vn, dcat("previousVersion"), version(canonical, v.number() - 1));
            for (Dumps.File file : Dumps.DATED) {
                Node url = NodeFactory.createURI(base + "/dumps/" + v.number() + "/" + file.name());
                Node distribution = NodeFactory.createURI(canonical + "dataset#version-" + v.number() + "-" + file.name().replace('.', '-'));
                g.add(vn, DCAT.distribution.asNode(), distribution);
                g.add(distribution, RDF.type.asNode(), DCAT.Distribution.asNode());
                g.add(distribution, DCAT.downloadURL.asNode(), url);
                g.add(distribution, DCAT.accessURL.asNode(), url);
                g.add(distribution, DCAT.mediaType.asNode(), NodeFactory.createURI("https://www.iana.org/assignments/media-types/"
                        + file.format().mediaType()));
                g.add(distribution, DCTerms.title.asNode(), NodeFactory.createLiteralString(v.number() + "/" + file.name()));
            }
        }
    }

    private static Node version(String canonical, long number) {
        return NodeFactory.createURI(canonical + "dataset#version-" + number);
    }

    private static Node dcat(String local) {
        return NodeFactory.createURI(DCAT.NS + local);
    }

    /** The dataset description, with what only the server knows: its endpoint, dumps and pages. */
    private Graph description(Exchange x) {
        String base = x.absoluteBase();
        String canonical = site.address().canonicalBase();
        Node d = NodeFactory.createURI(canonical + "dataset");
        Graph g = copyOf("dataset");
        g.add(d, VOID.sparqlEndpoint.asNode(), NodeFactory.createURI(base + sparqlPath));
        g.add(d, FOAF.homepage.asNode(), NodeFactory.createURI(base + "/"));
        g.add(d, VOID.rootResource.asNode(), NodeFactory.createURI(base + "/"));
        // VoID's lookup: the endpoint with the IRI appended, percent-encoded (/id/?uri=IRI).
        g.add(d, VOID.uriLookupEndpoint.asNode(), NodeFactory.createURI(base + "/id/?uri="));
        g.add(d, NodeFactory.createURI(VOID.NS + "feature"), NodeFactory.createURI("http://www.w3.org/ns/formats/Turtle"));
        for (Dumps.File file : Dumps.FILES) {
            Node url = NodeFactory.createURI(base + "/dumps/" + file.name());
            g.add(d, VOID.dataDump.asNode(), url);
            Node distribution = NodeFactory.createURI(canonical + "dataset#dump-" + file.name().replace('.', '-'));
            g.add(d, DCAT.distribution.asNode(), distribution);
            g.add(distribution, RDF.type.asNode(), DCAT.Distribution.asNode());
            g.add(distribution, DCAT.downloadURL.asNode(), url);
            g.add(distribution, DCAT.accessURL.asNode(), url);
            g.add(distribution, DCAT.mediaType.asNode(), NodeFactory.createURI("https://www.iana.org/assignments/media-types/"
                    + file.format().mediaType()));
            if (file.gzip()) g.add(distribution, NodeFactory.createURI(DCAT.NS + "compressFormat"),
                    NodeFactory.createURI("https://www.iana.org/assignments/media-types/application/gzip"));
            g.add(distribution, DCTerms.title.asNode(), NodeFactory.createLiteralString(file.name()));
        }
        // The Triple Pattern Fragments: a Hydra collection with its search form (TPF spec), and a distribution.
        FragmentRoutes.describeCollection(g, base);
        Node fragments = NodeFactory.createURI(canonical + "dataset#fragments");
        g.add(d, org.apache.jena.vocabulary.RDFS.seeAlso.asNode(), NodeFactory.createURI(base + "/fragments#dataset"));
        g.add(d, DCAT.distribution.asNode(), fragments);
        g.add(fragments, RDF.type.asNode(), DCAT.Distribution.asNode());
        g.add(fragments, DCAT.accessURL.asNode(), NodeFactory.createURI(base + "/fragments"));
        g.add(fragments, DCTerms.conformsTo.asNode(), NodeFactory.createURI("http://www.hydra-cg.com/spec/latest/triple-pattern-fragments/"));
        g.add(fragments, DCTerms.title.asNode(), NodeFactory.createLiteralString("Triple Pattern Fragments"));
        // The change feed: a Linked Data Event Stream of the data graph (LDES spec), and a distribution; only where
        // the versions are kept (not over a remote store's copy, serve --sparql).
        if (site.history().isPresent()) {
            Node stream = NodeFactory.createURI(base + "/feed");
            FeedRoutes.describeStream(g, stream, site);
            Node feed = NodeFactory.createURI(canonical + "dataset#feed");
            g.add(d, DCAT.distribution.asNode(), feed);
            g.add(feed, RDF.type.asNode(), DCAT.Distribution.asNode());
            g.add(feed, DCAT.accessURL.asNode(), stream);
            g.add(feed, DCTerms.conformsTo.asNode(), NodeFactory.createURI("https://w3id.org/ldes/specification"));
            g.add(feed, DCTerms.title.asNode(), NodeFactory.createLiteralString("Linked Data Event Stream"));
        }
        describeVersions(g, d, base, canonical);
        Node service = NodeFactory.createURI(canonical + "dataset#sparql");
        g.add(d, DCAT.distribution.asNode(), service);
        g.add(service, RDF.type.asNode(), DCAT.Distribution.asNode());
        g.add(service, DCAT.accessURL.asNode(), NodeFactory.createURI(base + sparqlPath));
        g.add(service, DCTerms.title.asNode(), NodeFactory.createLiteralString("SPARQL endpoint"));
        // The endpoint itself as a DCAT data service, which the distribution is accessed through.
        Node dataService = NodeFactory.createURI(canonical + "dataset#sparql-service");
        Node endpoint = NodeFactory.createURI(base + sparqlPath);
        g.add(service, DCAT.accessService.asNode(), dataService);
        g.add(dataService, RDF.type.asNode(), DCAT.DataService.asNode());
        g.add(dataService, DCAT.endpointURL.asNode(), endpoint);
        // the endpoint answers its SPARQL 1.1 Service Description to a GET without a query
        g.add(dataService, DCAT.endpointDescription.asNode(), endpoint);
        g.add(dataService, DCAT.servesDataset.asNode(), d);
        g.add(dataService, DCTerms.conformsTo.asNode(), NodeFactory.createURI("https://www.w3.org/TR/sparql11-protocol/"));
        g.add(dataService, DCTerms.title.asNode(), NodeFactory.createLiteralLang(site.texts("en").get("endpoint"), "en"));
        g.add(dataService, DCTerms.title.asNode(), NodeFactory.createLiteralLang(site.texts("fr").get("endpoint"), "fr"));
        g.find(d, DCTerms.license.asNode(), Node.ANY).toList().forEach(t -> g.add(dataService, DCTerms.license.asNode(), t.getObject()));
        g.add(dataService, DCAT.landingPage.asNode(), NodeFactory.createURI(base + "/query"));
        // The files to check and compact the data with, at this server's URLs.
        Node shapes = NodeFactory.createURI(base + SHAPES);
        g.add(d, DCTerms.conformsTo.asNode(), shapes);
        describeFile(g, shapes, "shapes_title", "text/turtle");
        Node context = NodeFactory.createURI(base + CONTEXT);
        g.add(d, RDFS.seeAlso.asNode(), context);
        describeFile(g, context, "context_title", JSONLD);
        return g;
    }
}
