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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
import org.ibcr.kg.vocab.IBCR;
import org.ibcr.kg.vocab.Namespaces;
import org.ibcr.kg.write.RdfWriter;

/** Builds the models the page templates render, from the graph, in one language. */
final class PageModels {
    /** Default of the links listed per property on a page before the rest is left to the data (a hostile graph stays readable); see {@link Site#maxValues()}. */
    static final int MAX_VALUES = 500;
    private static final String SCHEMA_CONTEXT = "{\"@context\": {\"@vocab\": \"https://schema.org/\"}}";

    private final Site site;
    private final String lang;
    private final PrefixMap prefixes;
    private final String langQuery;

    PageModels(Site site, String lang) {
        this(site, lang, false);
    }

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
    Map<String, Object> common(String title, String selfPath) {
        Map<String, Object> m = new HashMap<>();
        m.put("lang", lang);
        m.put("t", site.texts(lang));
        m.put("title", title);
        m.put("base", site.address().publicBase());
        String other = lang.equals("en") ? "fr" : "en";
        m.put("langSwitch", site.address().url(selfPath) + "?lang=" + other);
        m.put("langQuery", langQuery);
        return m;
    }

    // ---- resource pages

    Map<String, Object> resource(String path, String selfPath) {
        String iri = site.address().canonical(path);
        Node s = NodeFactory.createURI(iri);
        return site.content().read(g -> {
            String title = SiteContent.label(g, s, lang);
            Map<String, Object> m = common(title, selfPath);
            m.put("iri", iri);
            m.put("canonical", iri);
            m.put("types", types(g, s));
            literal(g, s, SchemaDO.description.asNode()).ifPresent(d -> m.put("description", d));
            String years = years(g, s);
            if (!years.isEmpty()) m.put("years", years);
            List<Map<String, Object>> participants = participants(g, s);
            m.put("participants", participants);
            m.put("hasParticipants", !participants.isEmpty());
            List<Map<String, Object>> roles = roles(g, s);
            m.put("roles", roles);
            m.put("hasRoles", !roles.isEmpty());
            m.put("properties", properties(g, s));
            List<Map<String, Object>> external = external(g, s);
            m.put("external", external);
            m.put("hasExternal", !external.isEmpty());
            List<Map<String, Object>> inverse = inverse(g, s);
            m.put("inverse", inverse);
            m.put("hasInverse", !inverse.isEmpty());
            m.put("alternates", alternates("/data/" + path));
            m.put("jsonld", schemaJsonLd(g, s));
            return m;
        });
    }

    /** A data document's formats, for the page's {@code <link rel="alternate">}. */
    record Alternate(String href, String type, String name) {}

    private List<Alternate> alternates(String pathWithoutExtension) {
        return DocumentFormat.ALL.stream()
                .map(f -> new Alternate(site.address().url(pathWithoutExtension + "." + f.extension()), f.mediaType(), f.label())).toList();
    }

    private List<Map<String, Object>> types(Graph g, Node s) {
        List<Map<String, Object>> types = new ArrayList<>();
        for (Node t : objects(g, s, RDF.type.asNode())) {
            if (!t.isURI()) continue;
            boolean ours = t.getURI().startsWith(IBCR.NS);
            String href = ours ? keepLang(site.address().url("/class/" + t.getURI().substring(IBCR.NS.length()))) : t.getURI();
            types.add(Map.of("label", ours ? SiteContent.label(g, t, lang) : prefixed(t), "href", href, "ours", ours));
        }
        types.sort(Comparator.comparing((Map<String, Object> t) -> !(Boolean) t.get("ours")).thenComparing(t -> (String) t.get("label")));
        return types;
    }

    private Optional<String> literal(Graph g, Node s, Node p) {
        String best = null;
        int rank = 9;
        for (Node o : objects(g, s, p)) {
            if (!o.isLiteral()) continue;
            String l = o.getLiteralLanguage();
            int r = l.equals(lang) ? 0 : l.equals("en") ? 1 : 2;
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

    private List<Map<String, Object>> participants(Graph g, Node milestone) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Node p : objects(g, milestone, IBCR.qualifiedParticipation.asNode())) {
            Node agent = first(g, p, IBCR.agent.asNode());
            Node role = first(g, p, IBCR.role.asNode());
            if (agent == null || role == null) continue;
            rows.add(Map.of("agent", SiteContent.label(g, agent, lang), "agentHref", link(agent),
                    "role", SiteContent.label(g, role, lang), "roleHref", link(role), "years", years(g, p)));
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("role")).thenComparing(r -> (String) r.get("agent")));
        return capped(rows);
    }

    private List<Map<String, Object>> roles(Graph g, Node agent) {
        List<Map<String, Object>> rows = new ArrayList<>();
        g.find(Node.ANY, IBCR.agent.asNode(), agent).forEachRemaining(t -> {
            Node p = t.getSubject();
            Node role = first(g, p, IBCR.role.asNode());
            var ms = g.find(Node.ANY, IBCR.qualifiedParticipation.asNode(), p);
            if (role == null || !ms.hasNext()) return;
            Node m = ms.next().getSubject();
            rows.add(Map.of("milestone", SiteContent.label(g, m, lang), "milestoneHref", link(m),
                    "role", SiteContent.label(g, role, lang), "roleHref", link(role), "years", years(g, m)));
        });
        rows.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("years")).thenComparing(r -> (String) r.get("milestone")));
        return capped(rows);
    }

    /** The first {@link Site#maxValues()} rows of a sorted list. */
    private <T> List<T> capped(List<T> rows) {
        return rows.size() > site.maxValues() ? new ArrayList<>(rows.subList(0, site.maxValues())) : rows;
    }

    private List<Map<String, Object>> properties(Graph g, Node s) {
        Map<Node, List<Node>> byPredicate = new LinkedHashMap<>();
        g.find(s, Node.ANY, Node.ANY).forEachRemaining(t -> {
            if (!t.getPredicate().equals(RDF.type.asNode())) byPredicate.computeIfAbsent(t.getPredicate(), k -> new ArrayList<>()).add(t.getObject());
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : byPredicate.entrySet()) {
            Node p = e.getKey();
            List<Map<String, Object>> values = new ArrayList<>();
            for (Node o : e.getValue()) {
                if (values.size() >= site.maxValues()) break;
                values.add(value(g, o));
            }
            values.sort(Comparator.comparing(v -> (String) v.get("text")));
            boolean ours = p.getURI().startsWith(IBCR.NS);
            rows.add(Map.of("label", ours ? SiteContent.label(g, p, lang) : prefixed(p), "iri", p.getURI(),
                    "href", ours ? keepLang(site.address().link(p.getURI())) : p.getURI(), "values", values, "ours", ours));
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> !(Boolean) r.get("ours")).thenComparing(r -> (String) r.get("label")));
        return rows;
    }

    /** One value cell; every key is always set, so a template never falls back to the enclosing row's keys. */
    private Map<String, Object> value(Graph g, Node o) {
        Map<String, Object> v = new HashMap<>();
        v.put("isLink", o.isURI());
        v.put("url", o.isURI() ? link(o) : "");
        v.put("hasLang", o.isLiteral() && !o.getLiteralLanguage().isEmpty());
        v.put("valueLang", o.isLiteral() ? o.getLiteralLanguage() : "");
        if (o.isLiteral()) {
            v.put("text", o.getLiteralLexicalForm());
        } else if (o.isURI()) {
            v.put("text", o.getURI().contains("#") && o.getURI().startsWith(site.address().canonicalBase())
                    ? SiteContent.shortForm(o) : SiteContent.label(g, o, lang));
        } else {
            v.put("text", o.toString());
        }
        return v;
    }

    private List<Map<String, Object>> external(Graph g, Node s) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Node o : objects(g, s, OWL.sameAs.asNode())) {
            if (!o.isURI()) continue;
            String iri = o.getURI();
            String label = iri.startsWith("http://www.wikidata.org/entity/") ? "Wikidata " + iri.substring(iri.lastIndexOf('/') + 1)
                    : iri.startsWith("https://sws.geonames.org/") ? "GeoNames " + iri.replaceAll("\\D", "") : iri;
            list.add(Map.of("label", label, "href", iri));
        }
        list.sort(Comparator.comparing(m -> (String) m.get("label")));
        return list;
    }

    private List<Map<String, Object>> inverse(Graph g, Node s) {
        Map<Node, List<Node>> byPredicate = new TreeMap<>(Comparator.comparing(Node::getURI));
        g.find(Node.ANY, Node.ANY, s).forEachRemaining(t -> {
            Node subject = t.getSubject();
            if (subject.isURI() && !t.getPredicate().equals(RDF.type.asNode())) {
                byPredicate.computeIfAbsent(t.getPredicate(), k -> new ArrayList<>()).add(subject);
            }
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : byPredicate.entrySet()) {
            Node p = e.getKey();
            if (!p.getURI().startsWith(IBCR.NS) && !p.getURI().startsWith(SKOS.getURI())) continue; // one row per link, our terms
            List<Map<String, Object>> values = new ArrayList<>();
            for (Node subject : e.getValue()) {
                if (values.size() >= site.maxValues()) break;
                values.add(Map.of("label", SiteContent.label(g, subject, lang), "href", link(subject)));
            }
            values.sort(Comparator.comparing(v -> (String) v.get("label")));
            rows.add(Map.of("label", SiteContent.label(g, p, lang), "values", values));
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
        if (schema.isEmpty()) return null;
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

    Map<String, Object> home(String endpoint) {
        Node dataset = NodeFactory.createURI(site.address().canonicalBase() + "dataset");
        Map<String, Object> model = site.content().read(g -> {
            Map<String, Object> m = common(literal(g, dataset, org.apache.jena.vocabulary.DCTerms.title.asNode()).orElse(site.texts(lang).get("site")), "/");
            literal(g, dataset, org.apache.jena.vocabulary.DCTerms.description.asNode()).ifPresent(d -> m.put("description", d));
            m.put("endpoint", endpoint);
            m.put("canonical", dataset.getURI());
            List<Map<String, Object>> classes = new ArrayList<>();
            for (Node partition : objects(g, dataset, VOID.classPartition.asNode())) {
                Node cls = first(g, partition, VOID._class.asNode());
                Node n = first(g, partition, VOID.entities.asNode());
                if (cls == null || n == null || !cls.getURI().startsWith(IBCR.NS)) continue;
                classes.add(Map.of("label", SiteContent.label(g, cls, lang), "count", n.getLiteralLexicalForm(),
                        "href", keepLang(site.address().url("/class/" + cls.getURI().substring(IBCR.NS.length())))));
            }
            classes.sort(Comparator.comparing(c -> (String) c.get("label")));
            m.put("classes", classes);
            m.put("timeline", timeline(g));
            return m;
        });
        model.put("figures", figures());
        return model;
    }

    /** The most connected actors of the actors view: degree and betweenness, computed by JGraphT. */
    private List<Map<String, Object>> figures() {
        var dsg = site.content().dataset();
        var graph = org.apache.jena.system.Txn.calculateRead(dsg, () -> org.ibcr.kg.graph.GraphProjector
                .over(org.apache.jena.query.DatasetFactory.wrap(dsg)).lang(lang).project(org.ibcr.kg.graph.GraphProjector.View.ACTORS));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var actor : org.ibcr.kg.graph.NetworkFigures.of(graph).topByDegree(5)) {
            rows.add(Map.of("label", actor.label(), "href", link(NodeFactory.createURI(actor.iri())), "degree", actor.degree(),
                    "betweenness", String.format(java.util.Locale.ROOT, "%.3f", actor.betweenness())));
        }
        return rows;
    }

    private List<Map<String, Object>> timeline(Graph g) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Node m : milestonesInOrder(g)) list.add(Map.of("label", SiteContent.label(g, m, lang), "href", link(m), "years", years(g, m)));
        return list;
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
    static final List<String> ACTOR_KINDS = List.of("organisation", "group", "person");

    /** The years a milestone is drawn over on the timeline, and how. */
    private record Span(int from, int to, String shape) {}

    /**
     * Every milestone in order with its years drawn on a common axis (percentages computed here, so the page
     * needs no script), its participants with their roles, its places and what it is part of.
     */
    Map<String, Object> timelinePage() {
        return site.content().read(g -> {
            Map<String, Object> m = common(site.texts(lang).get("timeline"), "/timeline");
            List<Node> milestones = milestonesInOrder(g);
            int[] range = yearRange(g, milestones);
            int first = range[0];
            int last = range[1];
            double years = last - first + 1;
            List<Map<String, Object>> ticks = new ArrayList<>();
            for (int y = first; y <= last; y++) {
                if (y % 5 == 0 || y == first || y == last) {
                    boolean crowded = y != first && y != last && (y - first < 3 || last - y < 3);
                    if (!crowded) ticks.add(Map.of("year", Integer.toString(y), "left", percent((y - first) / years)));
                }
            }
            List<Map<String, Object>> items = new ArrayList<>();
            for (Node milestone : milestones) {
                Map<String, Object> item = new HashMap<>();
                String path = site.address().resourcePath(milestone.getURI()).orElse("");
                item.put("id", path.substring(path.indexOf('/') + 1));
                item.put("label", SiteContent.label(g, milestone, lang));
                item.put("href", link(milestone));
                String text = years(g, milestone);
                item.put("years", text.isEmpty() ? site.texts(lang).get("undated") : text);
                Span span = span(g, milestone, first, last);
                item.put("hasSpan", span != null);
                if (span != null) {
                    item.put("shape", span.shape());
                    item.put("left", percent((span.from() - first) / years));
                    item.put("width", percent((span.to() - span.from() + 1) / years));
                }
                Node parent = first(g, milestone, IBCR.partOf.asNode());
                item.put("partOf", parent == null ? null : Map.of("label", SiteContent.label(g, parent, lang), "href", link(parent)));
                List<Map<String, Object>> actors = actors(g, milestone);
                item.put("actors", actors);
                item.put("hasActors", !actors.isEmpty());
                List<Map<String, Object>> places = new ArrayList<>();
                for (Node place : objects(g, milestone, IBCR.location.asNode())) {
                    if (place.isURI()) places.add(Map.of("label", SiteContent.label(g, place, lang), "href", link(place)));
                }
                places.sort(Comparator.comparing(p -> (String) p.get("label")));
                item.put("places", places);
                item.put("hasPlaces", !places.isEmpty());
                items.add(item);
            }
            m.put("milestones", items);
            m.put("count", items.size());
            m.put("first", first);
            m.put("last", last);
            m.put("ticks", ticks);
            m.put("legend", site.texts(lang).get("timeline_legend").replace("{last}", Integer.toString(last)));
            return m;
        });
    }

    /** The participants of a milestone, one row per agent with every role it has there. */
    private List<Map<String, Object>> actors(Graph g, Node milestone) {
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
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : rolesByAgent.entrySet()) {
            List<Map<String, Object>> roles = new ArrayList<>();
            for (Node role : e.getValue()) roles.add(Map.of("role", SiteContent.label(g, role, lang), "roleHref", link(role)));
            roles.sort(Comparator.comparing(r -> (String) r.get("role")));
            for (int i = 0; i < roles.size(); i++) {
                Map<String, Object> r = new HashMap<>(roles.get(i));
                r.put("more", i < roles.size() - 1);
                roles.set(i, r);
            }
            Map<String, Object> row = new HashMap<>();
            row.put("agent", SiteContent.label(g, e.getKey(), lang));
            row.put("agentHref", link(e.getKey()));
            row.put("roles", roles);
            row.put("agentYears", yearsByAgent.getOrDefault(e.getKey(), ""));
            rows.add(row);
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> ((String) r.get("agent")).toLowerCase(java.util.Locale.ROOT))
                .thenComparing(r -> (String) r.get("agentHref")));
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
    Map<String, Object> graphPage(String cytoscape) {
        return site.content().read(g -> {
            Map<String, Object> m = common(site.texts(lang).get("graph"), "/graph");
            m.put("dataUrl", site.address().url("/graph/actors.json") + "?lang=" + lang);
            m.put("canonicalBase", site.address().canonicalBase());
            m.put("pageBase", site.address().url("/page/"));
            m.put("cytoscape", site.address().url(cytoscape));
            m.put("script", site.address().url("/graph.js"));
            int[] range = yearRange(g, milestonesInOrder(g));
            m.put("first", range[0]);
            m.put("last", range[1]);
            List<Map<String, Object>> roles = new ArrayList<>();
            List<Node> seen = new ArrayList<>();
            g.find(Node.ANY, IBCR.role.asNode(), Node.ANY).forEachRemaining(tr -> {
                Node role = tr.getObject();
                if (!role.isURI() || seen.contains(role)) return;
                seen.add(role);
                site.address().resourcePath(role.getURI()).filter(p -> p.startsWith("role/")).ifPresent(p ->
                        roles.add(Map.of("id", p.substring(5), "label", SiteContent.label(g, role, lang))));
            });
            roles.sort(Comparator.comparing((Map<String, Object> r) -> ((String) r.get("label")).toLowerCase(java.util.Locale.ROOT)));
            m.put("roles", roles);
            List<Map<String, Object>> kinds = new ArrayList<>();
            for (String kind : ACTOR_KINDS) kinds.add(Map.of("kind", kind, "label", site.texts(lang).get("kind_" + kind)));
            m.put("kinds", kinds);
            List<Map<String, Object>> exports = new ArrayList<>();
            for (String view : GRAPH_VIEWS) {
                List<Map<String, Object>> files = new ArrayList<>();
                for (String[] file : GRAPH_FILES) {
                    files.add(Map.of("format", file[1], "href", site.address().url("/graph/" + view + file[0]) + "?lang=" + lang));
                }
                exports.add(Map.of("view", view, "label", site.texts(lang).get("view_" + view), "files", files));
            }
            m.put("exports", exports);
            return m;
        });
    }

    Optional<Map<String, Object>> classIndex(String local) {
        Node cls = NodeFactory.createURI(IBCR.NS + local);
        return site.content().read(g -> {
            if (!g.contains(cls, RDF.type.asNode(), OWL.Class.asNode())) return Optional.empty();
            Map<String, Object> m = common(SiteContent.label(g, cls, lang), "/class/" + local);
            m.put("canonical", cls.getURI());
            literal(g, cls, SKOS.definition.asNode()).ifPresent(d -> m.put("description", d));
            List<Map<String, Object>> members = new ArrayList<>();
            g.find(Node.ANY, RDF.type.asNode(), cls).forEachRemaining(t -> members.add(Map.of(
                    "label", SiteContent.label(g, t.getSubject(), lang), "href", link(t.getSubject()))));
            members.sort(Comparator.comparing((Map<String, Object> x) -> ((String) x.get("label")).toLowerCase(java.util.Locale.ROOT))
                    .thenComparing(x -> (String) x.get("href")));
            m.put("members", capped(members));
            m.put("count", members.size());
            return Optional.of(m);
        });
    }

    Map<String, Object> ontology() {
        Node o = NodeFactory.createURI(IBCR.ONTOLOGY);
        return site.content().read(g -> {
            Map<String, Object> m = common(SiteContent.label(g, o, lang), "/ontology");
            m.put("iri", IBCR.ONTOLOGY);
            m.put("canonical", IBCR.ONTOLOGY);
            literal(g, o, org.apache.jena.vocabulary.DCTerms.description.asNode()).ifPresent(d -> m.put("description", d));
            Node version = first(g, o, OWL.versionInfo.asNode());
            m.put("version", version == null ? "" : version.getLiteralLexicalForm());
            Node license = first(g, o, org.apache.jena.vocabulary.DCTerms.license.asNode());
            m.put("license", license == null ? "" : license.getURI());
            m.put("alternates", alternates("/ontology"));
            m.put("classes", terms(g, List.of(OWL.Class.asNode()), RDFS.subClassOf.asNode()));
            m.put("properties", terms(g, List.of(OWL.ObjectProperty.asNode(), OWL.DatatypeProperty.asNode()), RDFS.subPropertyOf.asNode()));
            return m;
        });
    }

    private List<Map<String, Object>> terms(Graph g, List<Node> kinds, Node superProperty) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Node kind : kinds) {
            g.find(Node.ANY, RDF.type.asNode(), kind).forEachRemaining(t -> {
                Node term = t.getSubject();
                if (!term.isURI() || !term.getURI().startsWith(IBCR.NS)) return;
                Map<String, Object> m = new HashMap<>();
                m.put("local", term.getURI().substring(IBCR.NS.length()));
                m.put("label", SiteContent.label(g, term, lang));
                literal(g, term, SKOS.definition.asNode()).ifPresent(d -> m.put("definition", d));
                List<Map<String, Object>> supers = new ArrayList<>();
                for (Node sup : objects(g, term, superProperty)) {
                    boolean ours = sup.getURI().startsWith(IBCR.NS);
                    supers.add(Map.of("label", ours ? SiteContent.label(g, sup, lang) : prefixed(sup), "href", keepLang(site.address().link(sup.getURI()))));
                }
                supers.sort(Comparator.comparing(x -> (String) x.get("label")));
                m.put("supers", supers);
                m.put("hasSupers", !supers.isEmpty());
                Node domain = first(g, term, RDFS.domain.asNode());
                if (domain != null) {
                    m.put("domain", domain.getURI().startsWith(IBCR.NS) ? SiteContent.label(g, domain, lang) : prefixed(domain));
                    m.put("domainHref", keepLang(site.address().link(domain.getURI())));
                }
                Node range = first(g, term, RDFS.range.asNode());
                if (range != null) {
                    m.put("range", range.getURI().startsWith(IBCR.NS) ? SiteContent.label(g, range, lang) : prefixed(range));
                    m.put("rangeHref", keepLang(site.address().link(range.getURI())));
                }
                list.add(m);
            });
        }
        list.sort(Comparator.comparing(x -> (String) x.get("local")));
        return list;
    }

    // ---- small graph helpers

    private String link(Node n) {
        return n.isURI() ? keepLang(site.address().link(n.getURI())) : "";
    }

    /** A URL with the reader's {@code ?lang=} (before any fragment) when it is a page of this site. */
    private String keepLang(String url) {
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
