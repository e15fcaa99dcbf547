package org.ibcr.kg.publish.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.Prefixes;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.ibcr.kg.vocab.OntologyFiles;
import org.ibcr.kg.write.RdfFormat;
import org.ibcr.kg.write.RdfWriter;
import org.ibcr.kg.publish.http.Body;

/**
 * The one table of the RDF formats the site serves: what content negotiation offers, the extensions of data
 * documents ({@code /data/x.ttl}, {@code /ontology.nt}...), the {@code Link rel="alternate"} headers and the
 * alternates of the pages all come from it. The converter's formats ({@link RdfFormat}) and N-Quads; a document
 * of one graph is written to TriG and N-Quads as its default graph. {@code application/json} is served as
 * JSON-LD, which is JSON.
 *
 * <pre>{@code
 * DocumentFormat f = DocumentFormat.byExtension("ttl").orElseThrow();
 * Body body = f.write(graph, prefixes);
 * }</pre>
 */
public record DocumentFormat(String extension, String mediaType, String label, Lang lang, RdfFormat converterFormat) {
    /** In the order of the alternates on a page. */
    public static final List<DocumentFormat> ALL = List.of(
            of(RdfFormat.TURTLE, "Turtle"), of(RdfFormat.JSONLD, "JSON-LD"), of(RdfFormat.NTRIPLES, "N-Triples"),
            of(RdfFormat.RDFXML, "RDF/XML"), of(RdfFormat.TRIG, "TriG"),
            new DocumentFormat("nq", Lang.NQUADS.getHeaderString(), "N-Quads", Lang.NQUADS, null));
    /** JSON-LD asked for as plain JSON. */
    public static final String JSON = "application/json";
    /** What a resource is offered as, in order of preference: Turtle for any RDF client, HTML for browsers. */
    public static final List<String> OFFERS;

    static {
        List<String> offers = new ArrayList<>(List.of("text/turtle", "text/html", "application/xhtml+xml"));
        for (DocumentFormat f : ALL) if (!offers.contains(f.mediaType())) offers.add(f.mediaType());
        offers.add(JSON);
        OFFERS = List.copyOf(offers);
    }

    private static DocumentFormat of(RdfFormat format, String label) {
        return new DocumentFormat(format.extension(), format.lang().getHeaderString(), label, format.lang(), format);
    }

    public static Optional<DocumentFormat> byExtension(String extension) {
        return ALL.stream().filter(f -> f.extension.equals(extension)).findFirst();
    }

    /** The format of a negotiated media type ({@code application/json} is JSON-LD); empty for HTML. */
    public static Optional<DocumentFormat> byMediaType(String mediaType) {
        String type = mediaType.equals(JSON) ? RdfFormat.JSONLD.lang().getHeaderString() : mediaType;
        return ALL.stream().filter(f -> f.mediaType.equals(type)).findFirst();
    }

    /** The extensions as a reader would list them: {@code .ttl, .jsonld, ...}. */
    public static String extensions() {
        return String.join(", ", ALL.stream().map(f -> "." + f.extension).toList());
    }

    /** The Content-Type of a document: text formats say their charset, XML and JSON carry their own. */
    public String contentType() {
        return mediaType + (lang.equals(Lang.RDFXML) || lang.equals(Lang.JSONLD) ? "" : "; charset=utf-8");
    }

    /**
     * A dataset written in this format: TriG and N-Quads keep its graphs apart; the triple formats hold the
     * triples of all its graphs together.
     */
    public Body write(DatasetGraph dataset, PrefixMap prefixes) {
        if (lang.equals(Lang.TRIG) || lang.equals(Lang.NQUADS)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            dataset.prefixes().putAll(prefixes);
            RDFWriter.source(dataset).lang(lang).output(out);
            return Body.of(out.toByteArray(), contentType());
        }
        Graph all = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        dataset.find().forEachRemaining(q -> all.add(q.asTriple()));
        return write(all, prefixes);
    }

    /** A graph written in this format with the prefixes; JSON-LD compacted with the ontology's context. */
    public Body write(Graph graph, PrefixMap prefixes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        graph.getPrefixMapping().setNsPrefixes(Prefixes.adapt(prefixes));
        try {
            if (lang.equals(Lang.JSONLD)) {
                RdfWriter.writeCompactJsonLd(graph, OntologyFiles.context(), out);
            } else if ((lang.equals(Lang.TRIG) || lang.equals(Lang.NQUADS))) {
                DatasetGraph dataset = DatasetGraphFactory.wrap(graph);
                dataset.prefixes().putAll(prefixes);
                RDFWriter.source(dataset).lang(lang).output(out);
            } else {
                RDFWriter.source(graph).lang(lang).output(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return Body.of(out.toByteArray(), contentType());
    }
}
