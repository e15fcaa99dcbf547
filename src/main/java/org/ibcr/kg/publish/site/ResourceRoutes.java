package org.ibcr.kg.publish.site;

import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.VOID;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.publish.http.Negotiation;
import org.ibcr.kg.publish.http.Reply;
import org.ibcr.kg.vocab.IBCR;

/**
 * The resources of the dataset, Pubby-style, one handler per kind of URL: {@code /id/{kind}/{slug}} (and a sentence
 * of the source, {@code /id/section/{section}/{n}}) answers 303
 * to the page or the data by {@code Accept} ({@code /id/?uri=IRI} looks any IRI of the dataset up, as VoID's
 * {@code void:uriLookupEndpoint} says); {@code /page/...} is the HTML page, {@code /data/....ttl} (and every
 * extension of {@link DocumentFormat}) the data document; {@code /class/{Name}} lists the members of a class.
 */
final class ResourceRoutes {
    /** {@code kind/slug}, or {@code section/{section}/{n}} for a sentence of the source. */
    static final String RESOURCE_PATH = "[a-z]+/[a-z0-9.-]+(/[0-9]+)?";
    private final Site site;
    private final MementoRoutes mementos;

    ResourceRoutes(Site site, MementoRoutes mementos) {
        this.site = site;
        this.mementos = mementos;
    }

    /** {@code /id/*}: 303 to the page or data document the client accepts; {@code /id/?uri=} looks an IRI up. */
    Reply id(Exchange x) {
        String path = x.pathInfo();
        if (path.isEmpty()) return lookup(x);
        requireResource(path);
        String type = Negotiation.choose(x.header("Accept"), DocumentFormat.OFFERS).orElseThrow(ResourceRoutes::notAcceptable);
        String location = Negotiation.isHtml(type) ? site.address().page(path)
                : site.address().data(path, DocumentFormat.byMediaType(type).orElseThrow().extension());
        Reply reply = Reply.redirect(303, location).vary("Accept").link(site.address().page(path), "describedby", "text/html");
        for (DocumentFormat f : DocumentFormat.ALL) reply.link(site.address().data(path, f.extension()), "describedby", f.mediaType());
        return reply;
    }

    /**
     * {@code /id/?uri=IRI}: the IRI of a resource, class, property, the ontology, the dataset or one of its graphs,
     * sent (303) to where this server describes it; 404 for an IRI the dataset does not know.
     */
    private Reply lookup(Exchange x) {
        String iri = x.parameter("uri");
        if (iri == null || iri.isBlank()) {
            throw HttpError.notFound("resource.lookup", site.address().url("/id/"), site.address().canonicalBase() + "id/city/paris");
        }
        String base = site.address().canonicalBase();
        Optional<String> path = site.address().resourcePath(iri);
        String location;
        if (path.isPresent() && iri.equals(site.address().canonical(path.get()))) {
            requireResource(path.get());
            location = site.address().url("/id/" + path.get());
        } else if (iri.equals(IBCR.ONTOLOGY) || (iri.startsWith(IBCR.NS) && site.content().exists(NodeFactory.createURI(iri)))) {
            location = site.address().link(iri);
        } else if (iri.equals(base + "dataset")) {
            location = site.address().url("/dataset");
        } else if (NamedGraphs.NAMES.stream().anyMatch(n -> iri.equals(base + "graph/" + n))) {
            location = site.address().url(iri.substring(base.length() - 1));
        } else {
            throw HttpError.notFound("resource.none_here", iri);
        }
        return Reply.redirect(303, location).vary("Accept");
    }

    /** {@code /page/*}: the HTML page of a resource, in the reader's language. */
    Reply page(Exchange x) {
        String path = x.pathInfo();
        String acceptDatetime = x.header("Accept-Datetime");
        if (acceptDatetime != null && site.history().isPresent()) {
            requireResource(path);
            return mementos.pageTimeGate(x, path, acceptDatetime);
        }
        // Checked inside: a page kept for this data version names a resource that exists.
        Reply reply = site.html(x, "resource", lang -> {
            requireResource(path);
            return new PageModels(site, lang, x.langInAddress()).resource(path, x.path());
        });
        reply.link(site.address().canonical(path), "canonical", null);
        for (DocumentFormat f : DocumentFormat.ALL) reply.link(site.address().data(path, f.extension()), "alternate", f.mediaType());
        return mementos.linkedPage(reply, path, x.absoluteBase());
    }

    /**
     * {@code /data/*}: the data document of a resource, in the format its extension names (not negotiated); with
     * {@code Accept-Datetime}, the TimeGate to its memento of that date ({@link MementoRoutes}).
     */
    Reply data(Exchange x) {
        String file = x.pathInfo();
        MementoRoutes.DataFile data = MementoRoutes.DataFile.parse(file);
        String path = data.path();
        DocumentFormat format = data.format();
        String acceptDatetime = x.header("Accept-Datetime");
        if (acceptDatetime != null && site.history().isPresent()) {
            requireResource(path);
            return mementos.timeGate(x, data, acceptDatetime);
        }
        String base = x.absoluteBase();
        Body body = site.cached(List.of("data", file, base), () -> {
            requireResource(path);
            String iri = site.address().canonical(path);
            String incoming = base + "/fragments?object=" + java.net.URLEncoder.encode(iri, java.nio.charset.StandardCharsets.UTF_8);
            Graph doc = site.content().dataDocument(iri, incoming);
            describeDocument(doc, base + "/data/" + file, iri);
            return site.document(doc, format);
        });
        Reply reply = Reply.of(body).lastModified(site.lastModified()).link(site.address().page(path), "alternate", "text/html");
        for (DocumentFormat f : DocumentFormat.ALL) {
            if (f != format) reply.link(site.address().data(path, f.extension()), "alternate", f.mediaType());
        }
        return mementos.linked(reply, data, base);
    }

    /** {@code /class/*}: the members of a class of the ontology. */
    Reply classIndex(Exchange x) {
        String local = x.pathInfo();
        String lang = x.lang();
        boolean langInAddress = x.langInAddress();
        Body body = site.cached(List.of("class", local, lang, langInAddress), () -> {
            Pages.Page page = local.matches("[A-Za-z]+") ? new PageModels(site, lang, langInAddress).classIndex(local).orElse(null) : null;
            if (page == null) throw HttpError.notFound("class.none", local);
            return site.page("class", page);
        });
        return Reply.of(body).lastModified(site.lastModified()).vary("Accept-Language").header("Content-Language", lang)
                .link(IBCR.NS + local, "canonical", null);
    }

    /**
     * What a data document says of itself: its topic, that it is part of the dataset ({@code void:inDataset}) and
     * the dataset's licence, so a client given only the document knows where it comes from and how it may be used.
     */
    private void describeDocument(Graph doc, String url, String iri) {
        Node document = NodeFactory.createURI(url);
        Node dataset = NodeFactory.createURI(site.address().canonicalBase() + "dataset");
        doc.add(document, RDF.type.asNode(), FOAF.Document.asNode());
        doc.add(document, FOAF.primaryTopic.asNode(), NodeFactory.createURI(iri));
        doc.add(document, VOID.inDataset.asNode(), dataset);
        site.content().read(g -> g.find(dataset, DCTerms.license.asNode(), Node.ANY).toList())
                .forEach(t -> doc.add(document, DCTerms.license.asNode(), t.getObject()));
    }

    private void requireResource(String path) {
        if (!path.matches(RESOURCE_PATH)) throw HttpError.notFound("identifier.not_ours");
        String iri = site.address().canonical(path);
        if (!site.content().exists(NodeFactory.createURI(iri))) throw HttpError.notFound("resource.none", iri);
    }

    static HttpError notAcceptable() {
        return new HttpError(406, "resource.not_acceptable", String.join(", ", DocumentFormat.OFFERS));
    }
}
