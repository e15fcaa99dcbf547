package org.ibcr.kg.publish.site;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.atlas.lib.EscapeStr;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIx;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.sse.SSE;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.system.Txn;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.VOID;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.publish.http.Negotiation;
import org.ibcr.kg.publish.http.Reply;

/**
 * Triple Pattern Fragments (<a href="https://www.hydra-cg.com/spec/latest/triple-pattern-fragments/">TPF</a>) at
 * {@code /fragments?subject=&predicate=&object=&page=}: the triples of the union of the named graphs that match
 * one pattern, {@value #PAGE_SIZE} a page, with the count ({@code hydra:totalItems}, {@code void:triples}), the
 * first, previous and next pages, and the Hydra search form that lets a client such as Comunica ask for any
 * pattern. Terms come as Comunica writes them: IRIs bare (or in angle brackets), literals quoted with
 * {@code @lang} or {@code ^^datatype} after them, variables absent or {@code ?name} (a repeated name must match
 * the same term twice). In TriG and N-Quads the metadata sits in its own graph {@code <page#metadata>}, as the
 * TPF specification has it; Turtle, N-Triples and JSON-LD hold it beside the data. Counts are exact up to
 * {@value #COUNT_BOUND} matches, then a lower bound marked as an estimate: no request reads more than that many
 * triples of the store beyond the page it shows (TDB2's indexes answer a bound pattern directly).
 *
 * <pre>{@code
 * GET /fragments?predicate=http://www.w3.org/2000/01/rdf-schema%23label&object=%22Paris%22@en
 * Accept: application/trig
 * }</pre>
 */
final class FragmentRoutes {
    static final int PAGE_SIZE = 100;
    static final long COUNT_BOUND = 100_000;
    static final String HYDRA = "http://www.w3.org/ns/hydra/core#";
    private static final int MAX_PAGE = 1_000_000;
    private static final List<DocumentFormat> FORMATS = DocumentFormat.ALL.stream()
            .filter(f -> List.of("ttl", "trig", "nt", "nq", "jsonld").contains(f.extension())).toList();
    static final List<String> OFFERS;

    static {
        List<String> offers = new ArrayList<>(FORMATS.stream().map(DocumentFormat::mediaType).toList());
        offers.add(DocumentFormat.JSON);
        OFFERS = List.copyOf(offers);
    }

    private final Site site;

    FragmentRoutes(Site site) {
        this.site = site;
    }

    /** A term of the pattern: a fixed node, or a variable (named, or anonymous when null). */
    private record Term(Node node, String variable) {
        boolean bound() {
            return node != null;
        }
    }

    /** {@code /fragments}: one page of the fragment of a triple pattern, in the format {@code Accept} names. */
    Reply fragments(Exchange x) {
        String type = Negotiation.choose(x.header("Accept"), OFFERS).orElseThrow(
                () -> new HttpError(406, "fragments.not_acceptable", String.join(", ", OFFERS)));
        DocumentFormat format = DocumentFormat.byMediaType(type).orElseThrow();
        Term s = term(x.parameter("subject"), "subject");
        Term p = term(x.parameter("predicate"), "predicate");
        Term o = term(x.parameter("object"), "object");
        if (p.bound() && !p.node().isURI()) throw HttpError.badRequest("fragments.predicate_iri");
        if (s.bound() && s.node().isLiteral()) throw HttpError.badRequest("fragments.subject_literal");
        int page = page(x.parameter("page"));
        String query = x.request().getQueryString();
        String self = x.absoluteBase() + "/fragments" + (query == null || query.isEmpty() ? "" : "?" + query);
        Body body = site.cached(List.of("fragments", self, format.extension()),
                () -> format.write(fragment(x.absoluteBase(), self, s, p, o, page), site.prefixes()));
        return Reply.of(type.equals(DocumentFormat.JSON) ? body.as(type) : body).lastModified(site.lastModified()).vary("Accept")
                .link(x.absoluteBase() + "/fragments#dataset", "collection", null);
    }

    /**
     * A term as Comunica writes it (rdf-string's {@code termToString}: the lexical form unescaped between the
     * first and last quote, a bare datatype IRI), turned into its Turtle form and read by Jena's own term parser,
     * which checks IRIs and language tags.
     */
    private static Term term(String text, String position) {
        if (text == null || text.isEmpty()) return new Term(null, null);
        if (text.startsWith("?")) {
            String name = text.substring(1);
            return new Term(null, name.isEmpty() ? null : name);
        }
        String turtle;
        if (text.startsWith("\"")) {
            int close = text.lastIndexOf('"');
            if (close == 0) throw badTerm(position, text);
            String lexical = text.substring(1, close);
            String suffix = text.substring(close + 1);
            if (suffix.startsWith("^^")) {
                String dt = suffix.substring(2);
                suffix = "^^" + (dt.startsWith("<") ? dt : "<" + dt + ">");
            } else if (!suffix.isEmpty() && !suffix.startsWith("@")) {
                throw badTerm(position, text);
            }
            turtle = "\"" + EscapeStr.stringEsc(lexical) + "\"" + suffix;
        } else if (text.startsWith("_:")) {
            throw HttpError.badRequest("fragments.blank", new HttpError.Phrase("fragments.position." + position), text);
        } else {
            turtle = text.startsWith("<") ? text : "<" + text + ">";
        }
        Node node;
        try {
            node = SSE.parseNode(turtle);
        } catch (RuntimeException e) {
            throw badTerm(position, text);
        }
        if (node.isURI() && !absolute(node.getURI())) throw badTerm(position, text);
        if (node.isLiteral() && node.getLiteralDatatypeURI() != null && !absolute(node.getLiteralDatatypeURI())) throw badTerm(position, text);
        if (!node.isURI() && !node.isLiteral()) throw badTerm(position, text);
        return new Term(node, null);
    }

    private static boolean absolute(String iri) {
        try {
            return !IRIx.create(iri).isRelative(); // isAbsolute() would also refuse a fragment
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static HttpError badTerm(String position, String text) {
        return HttpError.badRequest("fragments.not_term", new HttpError.Phrase("fragments.position." + position), text);
    }

    private static int page(String text) {
        if (text == null || text.isEmpty()) return 1;
        try {
            int page = Integer.parseInt(text);
            if (page >= 1 && page <= MAX_PAGE) return page;
        } catch (NumberFormatException e) {
            // the message below
        }
        throw HttpError.badRequest("fragments.page", MAX_PAGE);
    }

    /** The fragment: its page of triples in the default graph, the metadata and controls in {@code <self#metadata>}. */
    private DatasetGraph fragment(String base, String self, Term s, Term p, Term o, int page) {
        long offset = (long) (page - 1) * PAGE_SIZE;
        Graph data = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        long[] counted = Txn.calculateRead(site.content().dataset(), () -> {
            Graph union = site.content().dataset().getUnionGraph();
            long n = 0;
            boolean more = false;
            ExtendedIterator<Triple> it = union.find(any(s), any(p), any(o));
            try {
                while (it.hasNext()) {
                    Triple t = it.next();
                    if (!sameVariablesMatch(t, s, p, o)) continue;
                    if (n >= offset && n < offset + PAGE_SIZE) data.add(t);
                    n++;
                    if (n >= COUNT_BOUND && n > offset + PAGE_SIZE) {
                        more = it.hasNext();
                        break;
                    }
                }
            } finally {
                it.close();
            }
            return new long[] {n, more ? 1 : 0};
        });
        long total = counted[0];
        boolean estimate = counted[1] == 1;
        DatasetGraph doc = DatasetGraphFactory.createGeneral();
        data.find().forEachRemaining(doc.getDefaultGraph()::add);
        Node metadata = NodeFactory.createURI(self + "#metadata");
        Graph m = doc.getGraph(metadata);
        Node view = NodeFactory.createURI(self);
        Node dataset = NodeFactory.createURI(base + "/fragments#dataset");
        m.add(metadata, FOAF.primaryTopic.asNode(), view);
        describeCollection(m, base);
        m.add(dataset, VOID.subset.asNode(), view);
        m.add(view, RDF.type.asNode(), hydra("PartialCollectionView"));
        m.add(view, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Triple Pattern Fragment of the IBCR knowledge graph", "en"));
        m.add(view, DCTerms.source.asNode(), dataset);
        Node count = NodeFactory.createLiteralDT(Long.toString(total), XSDDatatype.XSDinteger);
        m.add(view, hydra("totalItems"), count);
        m.add(view, VOID.triples.asNode(), count);
        if (estimate) {
            m.add(view, RDFS.comment.asNode(), NodeFactory.createLiteralLang("An estimate: at least " + total
                    + " triples match; counting stops there.", "en"));
            m.add(view, RDFS.comment.asNode(), NodeFactory.createLiteralLang("Une estimation\u00a0: au moins " + total
                    + " triples correspondent\u202f; le décompte s'arrête là.", "fr"));
        }
        m.add(view, hydra("itemsPerPage"), NodeFactory.createLiteralDT(Integer.toString(PAGE_SIZE), XSDDatatype.XSDinteger));
        m.add(view, hydra("first"), NodeFactory.createURI(pageUrl(base, s, p, o, 1)));
        if (page > 1) m.add(view, hydra("previous"), NodeFactory.createURI(pageUrl(base, s, p, o, page - 1)));
        if (total > offset + PAGE_SIZE) m.add(view, hydra("next"), NodeFactory.createURI(pageUrl(base, s, p, o, page + 1)));
        return doc;
    }

    /**
     * The collection of all fragments and its search form, for the fragments themselves and for the VoID
     * description: a {@code hydra:IriTemplate} with one mapping per position, terms in Hydra's explicit
     * representation.
     */
    static void describeCollection(Graph g, String base) {
        Node dataset = NodeFactory.createURI(base + "/fragments#dataset");
        Node form = NodeFactory.createURI(base + "/fragments#search");
        g.add(dataset, RDF.type.asNode(), VOID.Dataset.asNode());
        g.add(dataset, RDF.type.asNode(), hydra("Collection"));
        g.add(dataset, hydra("search"), form);
        g.add(form, RDF.type.asNode(), hydra("IriTemplate"));
        g.add(form, hydra("template"), NodeFactory.createLiteralString(base + "/fragments{?subject,predicate,object}"));
        g.add(form, hydra("variableRepresentation"), hydra("ExplicitRepresentation"));
        Map<String, Node> mappings = new LinkedHashMap<>();
        mappings.put("subject", RDF.subject.asNode());
        mappings.put("predicate", RDF.predicate.asNode());
        mappings.put("object", RDF.object.asNode());
        mappings.forEach((variable, property) -> {
            Node mapping = NodeFactory.createURI(base + "/fragments#" + variable);
            g.add(form, hydra("mapping"), mapping);
            g.add(mapping, hydra("variable"), NodeFactory.createLiteralString(variable));
            g.add(mapping, hydra("property"), property);
        });
    }

    private static Node hydra(String local) {
        return NodeFactory.createURI(HYDRA + local);
    }

    private static Node any(Term t) {
        return t.bound() ? t.node() : Node.ANY;
    }

    /** For a pattern such as {@code ?x ?p ?x}: the positions that share a variable name hold the same term. */
    private static boolean sameVariablesMatch(Triple t, Term s, Term p, Term o) {
        return same(s, t.getSubject(), p, t.getPredicate()) && same(s, t.getSubject(), o, t.getObject())
                && same(p, t.getPredicate(), o, t.getObject());
    }

    private static boolean same(Term a, Node x, Term b, Node y) {
        return a.variable() == null || !a.variable().equals(b.variable()) || x.equals(y);
    }

    /** The address of a page, its terms written back in the explicit representation. */
    private static String pageUrl(String base, Term s, Term p, Term o, int page) {
        List<String> params = new ArrayList<>();
        addParam(params, "subject", s);
        addParam(params, "predicate", p);
        addParam(params, "object", o);
        if (page > 1) params.add("page=" + page);
        return base + "/fragments" + (params.isEmpty() ? "" : "?" + String.join("&", params));
    }

    private static void addParam(List<String> params, String name, Term t) {
        String text = t.bound() ? explicit(t.node()) : t.variable() != null ? "?" + t.variable() : null;
        if (text != null) params.add(name + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
    }

    /** Hydra's explicit representation of a term: what Comunica sends. */
    private static String explicit(Node n) {
        if (n.isURI()) return n.getURI();
        String lang = n.getLiteralLanguage();
        if (!lang.isEmpty()) return "\"" + n.getLiteralLexicalForm() + "\"@" + lang;
        String dt = n.getLiteralDatatypeURI();
        return "\"" + n.getLiteralLexicalForm() + "\"" + (XSDDatatype.XSDstring.getURI().equals(dt) ? "" : "^^" + dt);
    }
}
