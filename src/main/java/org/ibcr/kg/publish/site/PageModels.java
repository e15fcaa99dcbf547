package org.ibcr.kg.publish.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.SchemaDO;
import org.apache.jena.vocabulary.VOID;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.ibcr.kg.graph.GraphProjector;
import org.ibcr.kg.graph.NetworkFigures;
import org.ibcr.kg.model.Kind;
import org.ibcr.kg.publish.site.Pages.*;
import org.ibcr.kg.vocab.GEO;
import org.ibcr.kg.vocab.IBCR;
import org.ibcr.kg.vocab.Namespaces;
import org.ibcr.kg.vocab.OA;
import org.ibcr.kg.vocab.PROV;
import org.ibcr.kg.write.RdfWriter;

/** Builds the typed models ({@link Pages}) the page templates render, from the graph, in one language. */
final class PageModels {
    /** Default of the links listed per property on a page before the rest is left to the data (a hostile graph stays readable); see {@link Site#maxValues()}. */
    static final int MAX_VALUES = 500;
    private static final String SCHEMA_CONTEXT = "{\"@context\": {\"@vocab\": \"https://schema.org/\"}}";

    private final Site site;
    private final String lang;
    private final PrefixMap prefixes;
    private final String langQuery;

    /**
     * @param langInAddress the reader chose the language with {@code ?lang=}: links to the site's pages keep it,
     *                      so a click does not fall back to the browser's language
     */
    PageModels(Site site, String lang, boolean langInAddress) {
        this.site = site;
        this.lang = lang;
        this.langQuery = langInAddress ? "?lang=" + lang : "";
        this.prefixes = Namespaces.forBase(site.address().canonicalBase());
    }

    /** What every page has: language, texts, links. */
    Frame frame(String title, String selfPath) {
        String other = lang.equals("en") ? "fr" : "en";
        return new Frame(lang, site.texts(lang), title, site.address().publicBase(), site.address().url(selfPath) + "?lang=" + other,
                langQuery, null, null, null, site.address().url(selfPath));
    }

    // ---- resource pages

    Page resource(String path, String selfPath) {
        String iri = site.address().canonical(path);
        Node s = NodeFactory.createURI(iri);
        return site.content().read(g -> {
            Frame frame = frame(SiteContent.label(g, s, lang), selfPath).with(iri, alternates("/data/" + path), schemaJsonLd(g, s));
            String years = years(g, s);
            List<Participant> participants = participants(g, s);
            List<RoleRow> roles = roles(g, s);
            List<Link> external = external(g, s);
            List<InverseRow> inverse = inverse(g, s);
            List<StatementRow> statements = statements(g, s);
            return new Page(frame, new ResourcePage(iri, types(g, s), literal(g, s, SchemaDO.description.asNode()).orElse(null),
                    years.isEmpty() ? null : years, participants, !participants.isEmpty(), roles, !roles.isEmpty(), properties(g, s),
                    external, !external.isEmpty(), inverse, !inverse.isEmpty(), placeMap(g, s, path), network(path, iri),
                    citation(g, s), statements, !statements.isEmpty(), sentence(g, s), QueryRoutes.pageFor(site, QueryRoutes.neighbourhood(iri), langQuery)));
        });
    }

    /** A city's or country's map, opened on it, when it has a geometry. */
    private PlaceMap placeMap(Graph g, Node s, String path) {
        boolean place = path.startsWith("city/") || path.startsWith("country/");
        return place && g.contains(s, GEO.hasGeometry.asNode(), Node.ANY) ? MapRoutes.part(site, lang, path) : null;
    }

    /**
     * The network around a resource, if it is a node of the full view, with its figures in the actors view (the
     * same {@link NetworkFigures} as the exports' node attributes), or null.
     */
    private Network network(String path, String iri) {
        GraphViews graphs = site.graphs();
        if (graphs.project(GraphViews.Projection.of(GraphProjector.View.FULL, "en")).node(iri).isEmpty()) return null;
        List<ExportFile> files = new ArrayList<>();
        for (String[] file : GRAPH_FILES) {
            // ?lang= only where the page's address names it, as every link of the page (each file has label_fr too)
            files.add(new ExportFile(file[1], site.address().url("/graph/around/" + path + file[0]) + langQuery));
        }
        List<NetworkFigure> rows = new ArrayList<>();
        graphs.figures(GraphProjector.View.ACTORS).of(iri).ifPresent(a -> {
            Locale locale = Locale.forLanguageTag(lang);
            Map<String, String> t = site.texts(lang);
            rows.add(new NetworkFigure("degree", t.get("figure_degree"), Integer.toString(a.degree())));
            rows.add(new NetworkFigure("weighted_degree", t.get("figure_weighted_degree"), Long.toString(a.weightedDegree())));
            rows.add(new NetworkFigure("betweenness", t.get("figure_betweenness"), String.format(locale, "%.4f", a.betweenness())));
            rows.add(new NetworkFigure("closeness", t.get("figure_closeness"), String.format(locale, "%.4f", a.closeness())));
            rows.add(new NetworkFigure("pagerank", t.get("figure_pagerank"), String.format(locale, "%.6f", a.pagerank())));
            rows.add(new NetworkFigure("community", t.get("figure_community"), Integer.toString(a.community())));
        });
        String page = site.address().url("/graph") + "?around=" + path + (langQuery.isEmpty() ? "" : "&lang=" + lang);
        return new Network(page, files, rows, !rows.isEmpty());
    }

    private List<Alternate> alternates(String pathWithoutExtension) {
        return DocumentFormat.ALL.stream()
                .map(f -> new Alternate(site.address().url(pathWithoutExtension + "." + f.extension()), f.mediaType(), f.label())).toList();
    }

    private List<TypeLink> types(Graph g, Node s) {
        List<TypeLink> types = new ArrayList<>();
        for (Node t : objects(g, s, RDF.type.asNode())) {
            if (!t.isURI()) continue;
            boolean ours = t.getURI().startsWith(IBCR.NS);
            String href = ours ? keepLang(site.address().url("/class/" + t.getURI().substring(IBCR.NS.length()))) : t.getURI();
            types.add(new TypeLink(ours ? SiteContent.label(g, t, lang) : prefixed(t), href, ours));
        }
        types.sort(Comparator.comparing((TypeLink t) -> !t.ours()).thenComparing(TypeLink::label));
        return types;
    }

    private Optional<String> literal(Graph g, Node s, Node p) {
        String best = null;
        int rank = Integer.MAX_VALUE;
        for (Node o : objects(g, s, p)) {
            if (!o.isLiteral()) continue;
            int r = SiteContent.rank(o.getLiteralLanguage(), lang);
            if (r < rank) {
                rank = r;
                best = o.getLiteralLexicalForm();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The years of a milestone or participation, as the history gives them. */
    String years(Graph g, Node s) {
        Map<String, String> t = site.texts(lang);
        String start = year(g, s, IBCR.startYear.asNode());
        String end = year(g, s, IBCR.endYear.asNode());
        String notBefore = year(g, s, IBCR.notBefore.asNode());
        String notAfter = year(g, s, IBCR.notAfter.asNode());
        if (start != null && end != null) return start.equals(end) ? start : start + "–" + end;
        if (start != null) return t.get("from") + " " + start;
        if (end != null) return t.get("until") + " " + end;
        List<String> bounds = new ArrayList<>();
        if (notBefore != null) bounds.add(t.get("not_before") + " " + notBefore);
        if (notAfter != null) bounds.add(t.get("not_after") + " " + notAfter);
        return String.join(", ", bounds);
    }

    private static String year(Graph g, Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
    }

    private List<Participant> participants(Graph g, Node milestone) {
        List<Participant> rows = new ArrayList<>();
        for (Node p : objects(g, milestone, IBCR.qualifiedParticipation.asNode())) {
            Node agent = first(g, p, IBCR.agent.asNode());
            Node role = first(g, p, IBCR.role.asNode());
            if (agent == null || role == null) continue;
            rows.add(new Participant(SiteContent.label(g, agent, lang), link(agent), SiteContent.label(g, role, lang), link(role), years(g, p),
                    citation(g, p)));
        }
        rows.sort(Comparator.comparing(Participant::role).thenComparing(Participant::agent));
        return capped(rows);
    }

    private List<RoleRow> roles(Graph g, Node agent) {
        List<RoleRow> rows = new ArrayList<>();
        g.find(Node.ANY, IBCR.agent.asNode(), agent).forEachRemaining(t -> {
            Node p = t.getSubject();
            Node role = first(g, p, IBCR.role.asNode());
            var ms = g.find(Node.ANY, IBCR.qualifiedParticipation.asNode(), p);
            if (role == null || !ms.hasNext()) return;
            Node m = ms.next().getSubject();
            rows.add(new RoleRow(SiteContent.label(g, m, lang), link(m), SiteContent.label(g, role, lang), link(role), years(g, m),
                    citation(g, p)));
        });
        rows.sort(Comparator.comparing(RoleRow::years).thenComparing(RoleRow::milestone));
        return capped(rows);
    }

    // ---- citations: every fact cites its sentence

    /**
     * What the fact {@code fact} rests on: a mark per sentence of the source it derives from, in the order of
     * the source, and its basis with its note in the page's language; null for a fact with neither.
     */
    private Citation citation(Graph g, Node fact) {
        record Mark(String section, int n, Link link) {}
        List<Mark> marks = new ArrayList<>();
        for (Node o : objects(g, fact, PROV.wasDerivedFrom.asNode())) {
            if (!o.isURI() || !g.contains(o, RDF.type.asNode(), IBCR.Sentence.asNode())) continue;
            Node section = first(g, o, DCTerms.isPartOf.asNode());
            Integer n = intYear(g, o, SchemaDO.position.asNode());
            String slug = section == null ? SiteContent.shortForm(o) : SiteContent.shortForm(section);
            marks.add(new Mark(slug, n == null ? -1 : n, new Link(slug + "·" + (n == null ? "?" : n), link(o))));
        }
        marks.sort(Comparator.comparing(Mark::section).thenComparingInt(Mark::n));
        Node basis = first(g, fact, IBCR.basis.asNode());
        if (marks.isEmpty() && basis == null) return null;
        return new Citation(marks.stream().map(Mark::link).toList(), basis == null ? null : SiteContent.label(g, basis, lang),
                basis == null ? null : link(basis), literal(g, fact, IBCR.basisNote.asNode()).orElse(null));
    }

    /** The link rows of a milestone or work stated as facts of their own, each with its citation. */
    private List<StatementRow> statements(Graph g, Node s) {
        List<StatementRow> rows = new ArrayList<>();
        for (Node st : objects(g, s, IBCR.linkStatement.asNode())) {
            Node p = first(g, st, RDF.predicate.asNode());
            Node o = first(g, st, RDF.object.asNode());
            if (!st.isURI() || p == null || !p.isURI() || o == null) continue;
            String iri = st.getURI();
            rows.add(new StatementRow(iri.substring(iri.indexOf('#') + 1), termLabel(g, p), keepLang(site.address().link(p.getURI())),
                    SiteContent.label(g, o, lang), link(o), citation(g, st)));
        }
        rows.sort(Comparator.comparing(StatementRow::relation).thenComparing(StatementRow::target));
        return capped(rows);
    }

    /** Where a sentence of the source is, and the facts that rest on it; null for anything else. */
    private SentenceSummary sentence(Graph g, Node s) {
        if (!g.contains(s, RDF.type.asNode(), IBCR.Sentence.asNode())) return null;
        Node section = first(g, s, DCTerms.isPartOf.asNode());
        Node n = first(g, s, SchemaDO.position.asNode());
        Node selector = first(g, s, OA.hasSelector.asNode());
        Node start = selector == null ? null : first(g, selector, OA.start.asNode());
        Node end = selector == null ? null : first(g, selector, OA.end.asNode());
        Node source = first(g, s, OA.hasSource.asNode());
        String sectionLabel = section == null ? "" : SiteContent.label(g, section, lang);
        String text = site.texts(lang).get("sentence_summary").replace("{n}", n == null ? "?" : n.getLiteralLexicalForm())
                .replace("{section}", sectionLabel).replace("{start}", start == null ? "?" : start.getLiteralLexicalForm())
                .replace("{end}", end == null ? "?" : end.getLiteralLexicalForm());
        List<Link> citedBy = new ArrayList<>();
        g.find(Node.ANY, PROV.wasDerivedFrom.asNode(), s).forEachRemaining(t -> citedBy.add(new Link(factLabel(g, t.getSubject()), link(t.getSubject()))));
        citedBy.sort(Comparator.comparing((Link l) -> l.label().toLowerCase(Locale.ROOT)).thenComparing(Link::href));
        List<Link> facts = capped(citedBy);
        return new SentenceSummary(text, sectionLabel, section == null ? null : link(section),
                source == null || !source.isURI() ? null : source.getURI(), facts, !facts.isEmpty());
    }

    /** A fact's name: a link statement's subject, relation and target; anything else's label. */
    private String factLabel(Graph g, Node fact) {
        Node subject = first(g, fact, RDF.subject.asNode());
        Node p = first(g, fact, RDF.predicate.asNode());
        Node o = first(g, fact, RDF.object.asNode());
        if (subject == null || p == null || !p.isURI() || o == null) return SiteContent.label(g, fact, lang);
        return SiteContent.label(g, subject, lang) + " — " + termLabel(g, p) + " — " + SiteContent.label(g, o, lang);
    }

    /** The first {@link Site#maxValues()} rows of a sorted list. */
    private <T> List<T> capped(List<T> rows) {
        return rows.size() > site.maxValues() ? new ArrayList<>(rows.subList(0, site.maxValues())) : rows;
    }

    private List<PropertyRow> properties(Graph g, Node s) {
        Map<Node, List<Node>> byPredicate = new LinkedHashMap<>();
        g.find(s, Node.ANY, Node.ANY).forEachRemaining(t -> {
            if (!t.getPredicate().equals(RDF.type.asNode())) byPredicate.computeIfAbsent(t.getPredicate(), k -> new ArrayList<>()).add(t.getObject());
        });
        List<PropertyRow> rows = new ArrayList<>();
        for (var e : byPredicate.entrySet()) {
            Node p = e.getKey();
            List<Value> values = new ArrayList<>();
            for (Node o : e.getValue()) {
                if (values.size() >= site.maxValues()) break;
                values.add(p.equals(SchemaDO.unitText.asNode()) ? unit(g, o) : value(g, o));
            }
            values.sort(Comparator.comparing(Value::text));
            boolean ours = p.getURI().startsWith(IBCR.NS);
            rows.add(new PropertyRow(ours ? SiteContent.label(g, p, lang) : prefixed(p), p.getURI(),
                    ours ? keepLang(site.address().link(p.getURI())) : p.getURI(), values, ours));
        }
        rows.sort(Comparator.comparing((PropertyRow r) -> !r.ours()).thenComparing(PropertyRow::label));
        return rows;
    }

    /** A quantity's unit, a word of the tables (year, person...): in the page's language where the texts name it. */
    private Value unit(Graph g, Node o) {
        String word = o.isLiteral() ? site.texts(lang).get("unit_" + o.getLiteralLexicalForm().replace(' ', '_')) : null;
        return word == null ? value(g, o) : new Value(false, "", true, lang, word);
    }

    private Value value(Graph g, Node o) {
        boolean literal = o.isLiteral();
        String text;
        if (literal) {
            text = o.getLiteralLexicalForm();
        } else if (o.isURI()) {
            text = o.getURI().contains("#") && o.getURI().startsWith(site.address().canonicalBase())
                    ? SiteContent.shortForm(o) : SiteContent.label(g, o, lang);
        } else {
            text = o.toString();
        }
        return new Value(o.isURI(), o.isURI() ? link(o) : "", literal && !o.getLiteralLanguage().isEmpty(),
                literal ? o.getLiteralLanguage() : "", text);
    }

    private List<Link> external(Graph g, Node s) {
        List<Link> list = new ArrayList<>();
        for (Node o : objects(g, s, OWL.sameAs.asNode())) {
            if (!o.isURI()) continue;
            String iri = o.getURI();
            String label = iri.startsWith("http://www.wikidata.org/entity/") ? "Wikidata " + iri.substring(iri.lastIndexOf('/') + 1)
                    : iri.startsWith("https://sws.geonames.org/") ? "GeoNames " + iri.replaceAll("\\D", "") : iri;
            list.add(new Link(label, iri));
        }
        list.sort(Comparator.comparing(Link::label));
        return list;
    }

    private List<InverseRow> inverse(Graph g, Node s) {
        Map<Node, List<Node>> byPredicate = new TreeMap<>(Comparator.comparing(Node::getURI));
        g.find(Node.ANY, Node.ANY, s).forEachRemaining(t -> {
            Node subject = t.getSubject();
            if (subject.isURI() && !t.getPredicate().equals(RDF.type.asNode())) {
                byPredicate.computeIfAbsent(t.getPredicate(), k -> new ArrayList<>()).add(subject);
            }
        });
        List<InverseRow> rows = new ArrayList<>();
        for (var e : byPredicate.entrySet()) {
            Node p = e.getKey();
            if (!p.getURI().startsWith(IBCR.NS) && !p.getURI().startsWith(SKOS.getURI())) continue; // one row per link, our terms
            List<Link> values = new ArrayList<>();
            for (Node subject : e.getValue()) {
                if (values.size() >= site.maxValues()) break;
                values.add(new Link(SiteContent.label(g, subject, lang), link(subject)));
            }
            values.sort(Comparator.comparing(Link::label));
            rows.add(new InverseRow(SiteContent.label(g, p, lang), values));
        }
        return rows;
    }

    /** The resource's schema.org statements as JSON-LD, safe inside a script element. */
    private String schemaJsonLd(Graph g, Node s) {
        Graph schema = GraphFactory.createDefaultGraph();
        g.find(s, Node.ANY, Node.ANY).forEachRemaining(t -> {
            boolean schemaTerm = t.getPredicate().getURI().startsWith(SchemaDO.NS)
                    || (t.getPredicate().equals(RDF.type.asNode()) && t.getObject().isURI() && t.getObject().getURI().startsWith(SchemaDO.NS));
            if (schemaTerm) schema.add(t);
        });
        return schema.isEmpty() ? null : jsonLd(schema);
    }

    /** A graph as compact JSON-LD with schema.org as vocabulary, safe inside a {@code <script>} data block. */
    private static String jsonLd(Graph schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            RdfWriter.writeCompactJsonLd(schema, SCHEMA_CONTEXT, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // "<" never appears raw, so no text can close the script element.
        return out.toString(StandardCharsets.UTF_8).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    // ---- home, class, ontology

    /**
     * The home page's schema.org {@code Dataset} (what search engines and dataset catalogues read): its name and
     * description in both languages, licence, creator and publisher, dates and version, each dump as a
     * {@code DataDownload}, and the SPARQL endpoint as the service it can be queried with (a {@code SearchAction}
     * whose target takes the query, at {@code endpoint}). Links are absolute, from {@code base}.
     */
    private String datasetJsonLd(Graph g, Node dataset, String base, String endpoint) {
        Graph schema = GraphFactory.createDefaultGraph();
        Node type = RDF.type.asNode();
        schema.add(dataset, type, NodeFactory.createURI(SchemaDO.NS + "Dataset"));
        g.find(dataset, DCTerms.title.asNode(), Node.ANY).forEachRemaining(t -> schema.add(dataset, SchemaDO.name.asNode(), t.getObject()));
        g.find(dataset, DCTerms.description.asNode(), Node.ANY).forEachRemaining(t -> schema.add(dataset, SchemaDO.description.asNode(), t.getObject()));
        g.find(dataset, DCTerms.license.asNode(), Node.ANY).forEachRemaining(t -> schema.add(dataset, SchemaDO.license.asNode(), t.getObject()));
        g.find(dataset, DCTerms.issued.asNode(), Node.ANY).forEachRemaining(t -> schema.add(dataset, SchemaDO.datePublished.asNode(), t.getObject()));
        g.find(dataset, DCTerms.modified.asNode(), Node.ANY).forEachRemaining(t -> schema.add(dataset, SchemaDO.dateModified.asNode(), t.getObject()));
        // The release of the tables, the same over every store (the data version, which only a store that keeps
        // versions knows, is the dataset description's dcat:version).
        g.find(dataset, OWL.versionInfo.asNode(), Node.ANY).forEachRemaining(t -> schema.add(dataset, SchemaDO.version.asNode(), t.getObject()));
        g.find(dataset, DCTerms.publisher.asNode(), Node.ANY).forEachRemaining(t -> {
            Node publisher = t.getObject();
            schema.add(dataset, SchemaDO.publisher.asNode(), publisher);
            schema.add(dataset, SchemaDO.creator.asNode(), publisher);
            schema.add(publisher, type, NodeFactory.createURI(SchemaDO.NS + "Organization"));
            g.find(publisher, RDFS.label.asNode(), Node.ANY).forEachRemaining(l -> schema.add(publisher, SchemaDO.name.asNode(), l.getObject()));
        });
        schema.add(dataset, SchemaDO.url.asNode(), NodeFactory.createURI(base + "/"));
        schema.add(dataset, SchemaDO.isAccessibleForFree.asNode(), NodeFactory.createLiteralDT("true", org.apache.jena.datatypes.xsd.XSDDatatype.XSDboolean));
        for (String language : Site.LANGUAGES) schema.add(dataset, SchemaDO.inLanguage.asNode(), NodeFactory.createLiteralString(language));
        for (Dumps.File file : Dumps.FILES) {
            Node download = NodeFactory.createURI(dataset.getURI() + "#dump-" + file.name().replace('.', '-'));
            schema.add(dataset, SchemaDO.distribution.asNode(), download);
            schema.add(download, type, NodeFactory.createURI(SchemaDO.NS + "DataDownload"));
            schema.add(download, SchemaDO.name.asNode(), NodeFactory.createLiteralString(file.name()));
            schema.add(download, SchemaDO.contentUrl.asNode(), NodeFactory.createURI(base + "/dumps/" + file.name()));
            schema.add(download, SchemaDO.encodingFormat.asNode(), NodeFactory.createLiteralString(file.gzip() ? "application/gzip" : file.format().mediaType()));
        }
        Node action = NodeFactory.createURI(dataset.getURI() + "#sparql-action");
        Node target = NodeFactory.createURI(dataset.getURI() + "#sparql-target");
        schema.add(dataset, SchemaDO.potentialAction.asNode(), action);
        schema.add(action, type, NodeFactory.createURI(SchemaDO.NS + "SearchAction"));
        schema.add(action, SchemaDO.name.asNode(), NodeFactory.createLiteralLang(site.texts("en").get("endpoint"), "en"));
        schema.add(action, SchemaDO.name.asNode(), NodeFactory.createLiteralLang(site.texts("fr").get("endpoint"), "fr"));
        schema.add(action, SchemaDO.target.asNode(), target);
        schema.add(action, NodeFactory.createURI(SchemaDO.NS + "query-input"), NodeFactory.createLiteralString("required name=query"));
        schema.add(target, type, NodeFactory.createURI(SchemaDO.NS + "EntryPoint"));
        schema.add(target, SchemaDO.urlTemplate.asNode(), NodeFactory.createLiteralString(endpoint + "?query={query}"));
        schema.add(target, SchemaDO.contentType.asNode(), NodeFactory.createLiteralString("application/sparql-results+json"));
        schema.add(target, SchemaDO.encodingType.asNode(), NodeFactory.createLiteralString("application/sparql-query"));
        return jsonLd(schema);
    }

    /**
     * @param endpoint the SPARQL endpoint's link on the page
     * @param base     the server's absolute URL, for the links of the page's schema.org description
     * @param service  the SPARQL endpoint's absolute URL, for that description
     */
    Page home(String endpoint, String base, String service) {
        Node dataset = NodeFactory.createURI(site.address().canonicalBase() + "dataset");
        List<Figure> figures = figures();
        return site.content().read(g -> {
            Frame frame = frame(literal(g, dataset, DCTerms.title.asNode()).orElse(site.texts(lang).get("site")), "/")
                    .with(dataset.getURI(), null, datasetJsonLd(g, dataset, base, service));
            List<ClassCount> classes = new ArrayList<>();
            for (Node partition : objects(g, dataset, VOID.classPartition.asNode())) {
                Node cls = first(g, partition, VOID._class.asNode());
                Node n = first(g, partition, VOID.entities.asNode());
                if (cls == null || n == null || !cls.getURI().startsWith(IBCR.NS)) continue;
                classes.add(new ClassCount(SiteContent.label(g, cls, lang), n.getLiteralLexicalForm(),
                        keepLang(site.address().url("/class/" + cls.getURI().substring(IBCR.NS.length())))));
            }
            classes.sort(Comparator.comparing(ClassCount::label));
            List<TimelineEntry> timeline = new ArrayList<>();
            for (Node m : milestonesInOrder(g)) timeline.add(new TimelineEntry(SiteContent.label(g, m, lang), link(m), years(g, m)));
            return new Page(frame, new HomePage(literal(g, dataset, DCTerms.description.asNode()).orElse(null), endpoint, classes,
                    timeline, figures));
        });
    }

    /** The most connected actors of the actors view: degree and betweenness, computed by JGraphT. */
    private List<Figure> figures() {
        var dsg = site.content().dataset();
        var graph = Txn.calculateRead(dsg, () -> GraphProjector.over(DatasetFactory.wrap(dsg)).lang(lang).project(GraphProjector.View.ACTORS));
        List<Figure> rows = new ArrayList<>();
        for (var actor : NetworkFigures.of(graph).topByDegree(5)) {
            rows.add(new Figure(actor.label(), link(NodeFactory.createURI(actor.iri())), actor.degree(),
                    String.format(Locale.ROOT, "%.3f", actor.betweenness())));
        }
        return rows;
    }

    /** Every milestone in the order of the history: by first year, then section, then sequence, then label. */
    private List<Node> milestonesInOrder(Graph g) {
        record Entry(int year, int section, int sequence, String label, Node milestone) {}
        List<Entry> entries = new ArrayList<>();
        g.find(Node.ANY, RDF.type.asNode(), IBCR.Milestone.asNode()).forEachRemaining(t -> {
            Node m = t.getSubject();
            String y = Optional.ofNullable(year(g, m, IBCR.startYear.asNode()))
                    .or(() -> Optional.ofNullable(year(g, m, IBCR.notBefore.asNode())))
                    .or(() -> Optional.ofNullable(year(g, m, IBCR.notAfter.asNode()))).orElse("0");
            Node section = first(g, m, IBCR.sourceSection.asNode());
            Node position = section == null ? null : first(g, section, SchemaDO.position.asNode());
            Node sequence = first(g, m, IBCR.sequence.asNode());
            entries.add(new Entry(Integer.parseInt(y), position == null ? 0 : Integer.parseInt(position.getLiteralLexicalForm()),
                    sequence == null ? 0 : Integer.parseInt(sequence.getLiteralLexicalForm()), SiteContent.label(g, m, lang), m));
        });
        entries.sort(Comparator.comparingInt(Entry::year).thenComparingInt(Entry::section).thenComparingInt(Entry::sequence)
                .thenComparing(Entry::label).thenComparing(e -> e.milestone().getURI()));
        return entries.stream().map(Entry::milestone).toList();
    }

    // ---- the timeline and network pages

    /**
     * The views of the relationship graph and the files each is exported as ({@link GraphExportRoute}): the
     * name after the view, and what the link says.
     */
    static final List<String> GRAPH_VIEWS = List.of("actors", "full", "geography");
    static final List<String[]> GRAPH_FILES = List.of(new String[] {".graphml", "GraphML"}, new String[] {".gexf", "GEXF"},
            new String[] {".json", "JSON (Cytoscape.js)"}, new String[] {"-nodes.csv", "CSV nodes"}, new String[] {"-edges.csv", "CSV edges"},
            new String[] {".dot", "DOT"});
    /** The kinds of node the actors view has, in the legend's order. */
    static final List<String> ACTOR_KINDS = Stream.of(Kind.ORGANISATION, Kind.GROUP, Kind.PERSON).map(Kind::segment).toList();

    /** The years a milestone is drawn over on the timeline, and how. */
    private record Span(int from, int to, String shape) {}

    /**
     * Every milestone in order with its years drawn on a common axis (percentages computed here, so the page
     * needs no script), its participants with their roles, its places and what it is part of.
     */
    Page timelinePage() {
        return site.content().read(g -> {
            Frame frame = frame(site.texts(lang).get("timeline"), "/timeline");
            List<Node> milestones = milestonesInOrder(g);
            int[] range = yearRange(g, milestones);
            int first = range[0];
            int last = range[1];
            double years = last - first + 1;
            List<Tick> ticks = new ArrayList<>();
            for (int y = first; y <= last; y++) {
                if (y % 5 == 0 || y == first || y == last) {
                    boolean crowded = y != first && y != last && (y - first < 3 || last - y < 3);
                    if (!crowded) ticks.add(new Tick(Integer.toString(y), percent((y - first) / years)));
                }
            }
            List<TimelineItem> items = new ArrayList<>();
            for (Node milestone : milestones) {
                String path = site.address().resourcePath(milestone.getURI()).orElse("");
                String text = years(g, milestone);
                Span span = span(g, milestone, first, last);
                Node parent = first(g, milestone, IBCR.partOf.asNode());
                List<Actor> actors = actors(g, milestone);
                List<Link> places = new ArrayList<>();
                for (Node place : objects(g, milestone, IBCR.location.asNode())) {
                    if (place.isURI()) places.add(new Link(SiteContent.label(g, place, lang), link(place)));
                }
                places.sort(Comparator.comparing(Link::label));
                items.add(new TimelineItem(path.substring(path.indexOf('/') + 1), SiteContent.label(g, milestone, lang), link(milestone),
                        text.isEmpty() ? site.texts(lang).get("undated") : text, span != null, span == null ? null : span.shape(),
                        span == null ? null : percent((span.from() - first) / years),
                        span == null ? null : percent((span.to() - span.from() + 1) / years),
                        parent == null ? null : new Link(SiteContent.label(g, parent, lang), link(parent)),
                        actors, !actors.isEmpty(), places, !places.isEmpty()));
            }
            return new Page(frame, new TimelinePage(items, items.size(), first, last, ticks,
                    site.texts(lang).get("timeline_legend").replace("{last}", Integer.toString(last))));
        });
    }

    /** The milestones in the order of the timeline page, as data: IRIs, labels in the page's language, years. */
    List<TimelineRow> timelineRows() {
        return site.content().read(g -> {
            List<TimelineRow> rows = new ArrayList<>();
            for (Node m : milestonesInOrder(g)) {
                Node parent = first(g, m, IBCR.partOf.asNode());
                List<Named> places = new ArrayList<>();
                for (Node place : objects(g, m, IBCR.location.asNode())) {
                    if (place.isURI()) places.add(new Named(place.getURI(), SiteContent.label(g, place, lang)));
                }
                places.sort(Comparator.comparing(Named::label).thenComparing(Named::iri));
                Map<Node, List<Named>> rolesByAgent = new HashMap<>();
                for (Node p : objects(g, m, IBCR.qualifiedParticipation.asNode())) {
                    Node agent = first(g, p, IBCR.agent.asNode());
                    Node role = first(g, p, IBCR.role.asNode());
                    if (agent == null || role == null || !agent.isURI() || !role.isURI()) continue;
                    List<Named> roles = rolesByAgent.computeIfAbsent(agent, k -> new ArrayList<>());
                    Named named = new Named(role.getURI(), SiteContent.label(g, role, lang));
                    if (!roles.contains(named)) roles.add(named);
                }
                List<TimelineParticipant> participants = new ArrayList<>();
                rolesByAgent.forEach((agent, roles) -> {
                    roles.sort(Comparator.comparing(Named::label).thenComparing(Named::iri));
                    participants.add(new TimelineParticipant(new Named(agent.getURI(), SiteContent.label(g, agent, lang)), List.copyOf(roles)));
                });
                participants.sort(Comparator.comparing((TimelineParticipant p) -> p.agent().label().toLowerCase(Locale.ROOT))
                        .thenComparing(p -> p.agent().iri()));
                rows.add(new TimelineRow(m.getURI(), SiteContent.label(g, m, lang), years(g, m), intYear(g, m, IBCR.startYear.asNode()),
                        intYear(g, m, IBCR.endYear.asNode()), intYear(g, m, IBCR.notBefore.asNode()), intYear(g, m, IBCR.notAfter.asNode()),
                        parent == null || !parent.isURI() ? null : new Named(parent.getURI(), SiteContent.label(g, parent, lang)),
                        List.copyOf(places), participants));
            }
            return rows;
        });
    }

    /** The participants of a milestone, one row per agent with every role it has there. */
    private List<Actor> actors(Graph g, Node milestone) {
        Map<Node, List<Node>> rolesByAgent = new HashMap<>();
        Map<Node, String> yearsByAgent = new HashMap<>();
        for (Node p : objects(g, milestone, IBCR.qualifiedParticipation.asNode())) {
            Node agent = first(g, p, IBCR.agent.asNode());
            Node role = first(g, p, IBCR.role.asNode());
            if (agent == null || role == null) continue;
            List<Node> roles = rolesByAgent.computeIfAbsent(agent, k -> new ArrayList<>());
            if (!roles.contains(role)) roles.add(role);
            String years = years(g, p);
            if (!years.isEmpty()) yearsByAgent.merge(agent, years, (a, b) -> a.equals(b) ? a : a + ", " + b);
        }
        List<Actor> rows = new ArrayList<>();
        for (var e : rolesByAgent.entrySet()) {
            List<Link> labelled = new ArrayList<>();
            for (Node role : e.getValue()) labelled.add(new Link(SiteContent.label(g, role, lang), link(role)));
            labelled.sort(Comparator.comparing(Link::label));
            List<ActorRole> roles = new ArrayList<>();
            for (int i = 0; i < labelled.size(); i++) roles.add(new ActorRole(labelled.get(i).label(), labelled.get(i).href(), i < labelled.size() - 1));
            rows.add(new Actor(SiteContent.label(g, e.getKey(), lang), link(e.getKey()), roles, yearsByAgent.getOrDefault(e.getKey(), "")));
        }
        rows.sort(Comparator.comparing((Actor r) -> r.agent().toLowerCase(Locale.ROOT)).thenComparing(Actor::agentHref));
        return rows;
    }

    /**
     * How a milestone is drawn: a bar over its start and end years (a single year is a dot); a start alone runs
     * to the last year of the axis, an end alone from its first; bounds (not before, not after) are drawn as an
     * uncertain bar over the years they allow.
     */
    private static Span span(Graph g, Node m, int first, int last) {
        Integer start = intYear(g, m, IBCR.startYear.asNode());
        Integer end = intYear(g, m, IBCR.endYear.asNode());
        Integer notBefore = intYear(g, m, IBCR.notBefore.asNode());
        Integer notAfter = intYear(g, m, IBCR.notAfter.asNode());
        Span span;
        if (start != null && end != null) span = new Span(start, end, start.equals(end) ? "single" : "range");
        else if (start != null) span = new Span(start, last, "range open-end");
        else if (end != null) span = new Span(first, end, "range open-start");
        else if (notBefore != null && notAfter != null) span = new Span(notBefore, notAfter, "uncertain");
        else if (notBefore != null) span = new Span(notBefore, last, "uncertain open-end");
        else if (notAfter != null) span = new Span(first, notAfter, "uncertain open-start");
        else return null;
        int from = Math.max(first, Math.min(span.from(), span.to()));
        int to = Math.min(last, Math.max(span.from(), span.to()));
        if (from > to) return null;
        String shape = from < to ? span.shape() : span.shape().contains("uncertain") ? "single uncertain" : "single";
        return new Span(from, to, shape);
    }

    /**
     * The years the timeline and the network's slider cover: from the first year the milestones give to the
     * present, the year the data was last modified (or the last year they give, if later).
     */
    private int[] yearRange(Graph g, List<Node> milestones) {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (Node m : milestones) {
            for (Node p : List.of(IBCR.startYear.asNode(), IBCR.endYear.asNode(), IBCR.notBefore.asNode(), IBCR.notAfter.asNode())) {
                Integer y = intYear(g, m, p);
                if (y == null) continue;
                first = Math.min(first, y);
                last = Math.max(last, y);
            }
        }
        Node dataset = NodeFactory.createURI(site.address().canonicalBase() + "dataset");
        Node modified = first(g, dataset, org.apache.jena.vocabulary.DCTerms.modified.asNode());
        if (modified != null && modified.isLiteral() && modified.getLiteralLexicalForm().matches("\\d{4}.*")) {
            last = Math.max(last, Integer.parseInt(modified.getLiteralLexicalForm().substring(0, 4)));
        }
        if (first == Integer.MAX_VALUE) first = last == Integer.MIN_VALUE ? 0 : last;
        if (last == Integer.MIN_VALUE) last = first;
        return new int[] {first, last};
    }

    private static Integer intYear(Graph g, Node s, Node p) {
        String y = year(g, s, p);
        if (y == null) return null;
        try {
            return Integer.valueOf(y.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String percent(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.3f%%", fraction * 100);
    }

    /**
     * The network page: what it shows, where its data is, the roles and years it can be filtered by, and the
     * exports; the drawing itself is {@code /graph.js}'s, over {@code /graph/actors.json}.
     */
    Page graphPage(String cytoscape) {
        return site.content().read(g -> {
            Frame frame = frame(site.texts(lang).get("graph"), "/graph");
            int[] range = yearRange(g, milestonesInOrder(g));
            List<RoleOption> roles = new ArrayList<>();
            List<Node> seen = new ArrayList<>();
            g.find(Node.ANY, IBCR.role.asNode(), Node.ANY).forEachRemaining(tr -> {
                Node role = tr.getObject();
                if (!role.isURI() || seen.contains(role)) return;
                seen.add(role);
                site.address().resourcePath(role.getURI()).filter(p -> p.startsWith("role/")).ifPresent(p ->
                        roles.add(new RoleOption(p.substring(5), SiteContent.label(g, role, lang))));
            });
            roles.sort(Comparator.comparing((RoleOption r) -> r.label().toLowerCase(Locale.ROOT)));
            List<KindOption> kinds = ACTOR_KINDS.stream().map(k -> new KindOption(k, site.texts(lang).get("kind_" + k))).toList();
            List<Export> exports = new ArrayList<>();
            for (String view : GRAPH_VIEWS) {
                List<ExportFile> files = new ArrayList<>();
                for (String[] file : GRAPH_FILES) files.add(new ExportFile(file[1], site.address().url("/graph/" + view + file[0]) + "?lang=" + lang));
                exports.add(new Export(view, site.texts(lang).get("view_" + view), files));
            }
            return new Page(frame, new GraphPage(site.address().url("/graph/actors.json") + "?lang=" + lang, site.address().canonicalBase(),
                    site.address().url("/page/"), site.address().url(cytoscape), site.address().url("/graph.js"), range[0], range[1],
                    roles, kinds, exports));
        });
    }

    Optional<Page> classIndex(String local) {
        Node cls = NodeFactory.createURI(IBCR.NS + local);
        return site.content().read(g -> {
            if (!g.contains(cls, RDF.type.asNode(), OWL.Class.asNode())) return Optional.empty();
            Frame frame = frame(SiteContent.label(g, cls, lang), "/class/" + local).with(cls.getURI(), null, null);
            List<Link> members = new ArrayList<>();
            g.find(Node.ANY, RDF.type.asNode(), cls).forEachRemaining(t -> members.add(new Link(SiteContent.label(g, t.getSubject(), lang), link(t.getSubject()))));
            members.sort(Comparator.comparing((Link x) -> x.label().toLowerCase(Locale.ROOT)).thenComparing(Link::href));
            return Optional.of(new Page(frame, new ClassPage(literal(g, cls, SKOS.definition.asNode()).orElse(null), capped(members), members.size())));
        });
    }

    Page ontology() {
        Node o = NodeFactory.createURI(IBCR.ONTOLOGY);
        return site.content().read(g -> {
            Frame frame = frame(SiteContent.label(g, o, lang), "/ontology").with(IBCR.ONTOLOGY, alternates("/ontology"), null);
            Node version = first(g, o, OWL.versionInfo.asNode());
            Node license = first(g, o, DCTerms.license.asNode());
            return new Page(frame, new OntologyPage(IBCR.ONTOLOGY, literal(g, o, DCTerms.description.asNode()).orElse(null),
                    version == null ? "" : version.getLiteralLexicalForm(), license == null ? "" : license.getURI(),
                    terms(g, List.of(OWL.Class.asNode()), RDFS.subClassOf.asNode()),
                    terms(g, List.of(OWL.ObjectProperty.asNode(), OWL.DatatypeProperty.asNode()), RDFS.subPropertyOf.asNode())));
        });
    }

    private List<Term> terms(Graph g, List<Node> kinds, Node superProperty) {
        List<Term> list = new ArrayList<>();
        for (Node kind : kinds) {
            g.find(Node.ANY, RDF.type.asNode(), kind).forEachRemaining(t -> {
                Node term = t.getSubject();
                if (!term.isURI() || !term.getURI().startsWith(IBCR.NS)) return;
                List<Link> supers = new ArrayList<>();
                for (Node sup : objects(g, term, superProperty)) supers.add(new Link(termLabel(g, sup), keepLang(site.address().link(sup.getURI()))));
                supers.sort(Comparator.comparing(Link::label));
                Node domain = first(g, term, RDFS.domain.asNode());
                Node range = first(g, term, RDFS.range.asNode());
                list.add(new Term(term.getURI().substring(IBCR.NS.length()), SiteContent.label(g, term, lang),
                        literal(g, term, SKOS.definition.asNode()).orElse(null), supers, !supers.isEmpty(),
                        domain == null ? null : termLabel(g, domain), domain == null ? null : keepLang(site.address().link(domain.getURI())),
                        range == null ? null : termLabel(g, range), range == null ? null : keepLang(site.address().link(range.getURI()))));
            });
        }
        list.sort(Comparator.comparing(Term::local));
        return list;
    }

    /** A term's label where it is ours, its prefixed name where it is another vocabulary's. */
    private String termLabel(Graph g, Node term) {
        return term.getURI().startsWith(IBCR.NS) ? SiteContent.label(g, term, lang) : prefixed(term);
    }

    /** A resource's page as of version {@code number}: its statements then, named by today's labels. */
    Page memento(String path, String selfPath, Graph state, long number, String time, String timeMapHref) {
        Node s = NodeFactory.createURI(site.address().canonical(path));
        return site.content().read(g -> {
            List<Pages.MementoRow> rows = new ArrayList<>();
            List<Triple> triples = new ArrayList<>();
            state.find().forEachRemaining(triples::add);
            triples.sort(Comparator.comparing((Triple t) -> t.getPredicate().getURI()).thenComparing(t -> t.getObject().toString()));
            for (Triple t : triples) {
                Node p = t.getPredicate();
                Node o = t.getObject();
                rows.add(new Pages.MementoRow(termLabel(g, p), keepLang(site.address().link(p.getURI())),
                        o.isURI() ? SiteContent.label(g, o, lang) : o.getLiteralLexicalForm(),
                        o.isURI() ? keepLang(site.address().link(o.getURI())) : null));
            }
            String label = SiteContent.label(state, s, lang);
            return new Page(frame(label, selfPath), new Pages.MementoView(number, time, keepLang(site.address().page(path)), timeMapHref, rows));
        });
    }

    /** The change feed's page. */
    Page feed(Pages.FeedView view) {
        return new Page(frame(site.texts(lang).get("feed_title"), "/feed"), view);
    }

    /** The dumps page. */
    Page dumps(List<DumpRow> dumps, List<Pages.VersionRow> versions) {
        return new Page(frame(site.texts(lang).get("dumps"), "/dumps/"), new DumpsPage(dumps, versions));
    }

    /** A named graph's page. */
    Page namedGraph(String name, String selfPath, String iri, long triples, String gsp, String sparql) {
        Frame frame = frame(site.texts(lang).get("graph_" + name), selfPath).with(iri, null, null);
        return new Page(frame, new NamedGraphPage(iri, site.texts(lang).get("graph_" + name + "_text"), triples, gsp, sparql));
    }

    /** The error page: the message, in the page's language, and the class indexes to go on from. */
    Page error(int status, String message) {
        Map<String, String> t = site.texts(lang);
        Frame frame = frame(status == 404 ? t.get("not_found") : t.get("error"), "/").unaddressed();
        List<Link> classes = new ArrayList<>();
        site.content().read(g -> {
            for (Node cls : site.content().classesInUse()) {
                String local = cls.getURI().substring(IBCR.NS.length());
                classes.add(new Link(SiteContent.label(g, cls, lang), site.address().url("/class/" + local)));
            }
            return classes;
        });
        classes.sort(Comparator.comparing(Link::label));
        // The message is in the page's language (ErrorReply chose it as this page's).
        return new Page(frame, new ErrorPage(status == 404 ? message + " " + t.get("not_found_text") : message, new ClassList(classes)));
    }

    // ---- small graph helpers

    private String link(Node n) {
        return n.isURI() ? keepLang(site.address().link(n.getURI())) : "";
    }

    /** A URL with the reader's {@code ?lang=} (before any fragment) when it is a page of this site. */
    String keepLang(String url) {
        if (langQuery.isEmpty() || !url.startsWith(site.address().url("/"))) return url;
        int hash = url.indexOf('#');
        return hash < 0 ? url + langQuery : url.substring(0, hash) + langQuery + url.substring(hash);
    }

    private String prefixed(Node n) {
        String abbrev = prefixes.abbreviate(n.getURI());
        return abbrev == null ? n.getURI() : abbrev;
    }

    private static List<Node> objects(Graph g, Node s, Node p) {
        List<Node> list = new ArrayList<>();
        g.find(s, p, Node.ANY).forEachRemaining((Triple t) -> list.add(t.getObject()));
        return list;
    }

    private static Node first(Graph g, Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }
}
