package org.ibcr.kg.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.vocabulary.DCTerms;

/**
 * The linked-data layer as a Fuseki module: dereferenceable IRIs with content negotiation, HTML pages in
 * English and French, data documents, the ontology page, VoID and DCAT, dumps, sitemap and robots.txt; the
 * timeline and network pages, and the WebJars they use at {@code /webjars/}.
 *
 * <pre>{@code
 * FusekiServer.create().fusekiModules(FusekiModules.create(LinkedDataModule.of(dsg, ""))).add("/ibcr", dsg).build();
 * }</pre>
 */
public final class LinkedDataModule implements FusekiModule {
    /** The routes this module serves; everything else is Fuseki's. */
    static final List<String> ROUTES = List.of("", "/id/*", "/page/*", "/data/*", "/class/*", "/ontology", "/ontology.ttl",
            "/ontology.nt", "/ontology.jsonld", "/ontology.rdf", "/dataset", "/dataset.ttl", "/dataset.nt", "/dataset.jsonld",
            "/dataset.rdf", "/.well-known/void", "/dumps", "/dumps/*", "/sitemap.xml", "/robots.txt", "/site.css",
            "/timeline", "/graph", "/graph.js");

    private final LinkedDataServlet servlet;
    /** The relationship graph files below /graph/ ({@link GraphExportServlet#ROUTE}). */
    private final GraphExportServlet graphExports;

    private LinkedDataModule(LinkedDataServlet servlet, GraphExportServlet graphExports) {
        this.servlet = servlet;
        this.graphExports = graphExports;
    }

    /**
     * @param content    the served data
     * @param publicBase the external URL of the server when behind a proxy, or "" for links relative to this server
     */
    static LinkedDataModule of(SiteContent content, String publicBase) {
        return of(content, publicBase, PageModels.MAX_VALUES);
    }

    /** @param maxValues values listed per property, and rows per list, on a page */
    static LinkedDataModule of(SiteContent content, String publicBase, int maxValues) {
        return of(content, publicBase, maxValues, DEFAULT_CACHE);
    }

    /**
     * @param cacheBytes the most bytes of pages, data documents and graph files kept for the current data
     *                   version; 0 computes every response anew
     */
    static LinkedDataModule of(SiteContent content, String publicBase, int maxValues, long cacheBytes) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(publicBase, "publicBase");
        String base = content.canonicalBase().orElseThrow(() -> new IllegalStateException(
                "the dataset has no description (void:uriSpace): load it with 'ibcr-kg load'"));
        LinkedDataSite site = new LinkedDataSite(content, new SiteAddress(base, publicBase), maxValues);
        Instant modified = lastModified(content, base);
        DataVersion version = DataVersion.of(content.dataset());
        ResponseCache cache = ResponseCache.create(version, cacheBytes);
        return new LinkedDataModule(new LinkedDataServlet(site, modified, version, cache),
                new GraphExportServlet(content, modified, version, cache));
    }

    /** Default memory for kept responses: 64 MiB. */
    static final long DEFAULT_CACHE = 64L << 20;

    /** The data's own modification date (dcterms:modified of the dataset), so caches survive restarts. */
    private static Instant lastModified(SiteContent content, String base) {
        Node dataset = org.apache.jena.graph.NodeFactory.createURI(base + "dataset");
        return content.read(g -> g.find(dataset, DCTerms.modified.asNode(), Node.ANY).nextOptional()
                .map(t -> LocalDate.parse(t.getObject().getLiteralLexicalForm()).atStartOfDay().toInstant(ZoneOffset.UTC))
                .orElse(Instant.EPOCH));
    }

    @Override
    public String name() {
        return "ibcr-linked-data";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, Model configModel) {
        for (String route : ROUTES) builder.addServlet(route, servlet);
        builder.addServlet(GraphExportServlet.ROUTE, graphExports);
        builder.addServlet(WebJarServlet.PREFIX + "*", new WebJarServlet());
    }
}
