package org.ibcr.kg.publish;

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
    /** Links listed per property on a page before the rest is left to the data (a hostile graph stays readable). */
    static final int MAX_VALUES = 500;
    private static final String SCHEMA_CONTEXT = "{\"@context\": {\"@vocab\": \"https://schema.org/\"}}";

    private final LinkedDataSite site;
    private final String lang;
    private final PrefixMap prefixes;

    PageModels(LinkedDataSite site, String lang) {
        this.site = site;
        this.lang = lang;
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

    static List<Map<String, Object>> alternatesFor(SiteAddress address, String pathWithoutExtension) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String[] f : new String[][] {{"ttl", "text/turtle", "Turtle"}, {"jsonld", "application/ld+json", "JSON-LD"},
                {"nt", "application/n-triples", "N-Triples"}, {"rdf", "application/rdf+xml", "RDF/XML"}}) {
            list.add(Map.of("href", address.url(pathWithoutExtension + "." + f[0]), "type", f[1], "name", f[2]));
        }
        return list;
    }

    private List<Map<String, Object>> alternates(String pathWithoutExtension) {
        return alternatesFor(site.address(), pathWithoutExtension);
    }

    private List<Map<String, Object>> types(Graph g, Node s) {
        List<Map<String, Object>> types = new ArrayList<>();
        for (Node t : objects(g, s, RDF.type.asNode())) {
            if (!t.isURI()) continue;
            boolean ours = t.getURI().startsWith(IBCR.NS);
            String href = ours ? site.address().url("/class/" + t.getURI().substring(IBCR.NS.length())) : t.getURI();
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
        return rows;
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
        return rows;
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
                if (values.size() >= MAX_VALUES) break;
                values.add(value(g, o));
            }
            values.sort(Comparator.comparing(v -> (String) v.get("text")));
            boolean ours = p.getURI().startsWith(IBCR.NS);
            rows.add(Map.of("label", ours ? SiteContent.label(g, p, lang) : prefixed(p), "iri", p.getURI(),
                    "href", ours ? site.address().link(p.getURI()) : p.getURI(), "values", values, "ours", ours));
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
                if (values.size() >= MAX_VALUES) break;
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
        return site.content().read(g -> {
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
                        "href", site.address().url("/class/" + cls.getURI().substring(IBCR.NS.length()))));
            }
            classes.sort(Comparator.comparing(c -> (String) c.get("label")));
            m.put("classes", classes);
            m.put("timeline", timeline(g));
            return m;
        });
    }

    private List<Map<String, Object>> timeline(Graph g) {
        record Entry(int year, int section, int sequence, String label, Map<String, Object> model) {}
        List<Entry> entries = new ArrayList<>();
        g.find(Node.ANY, RDF.type.asNode(), IBCR.Milestone.asNode()).forEachRemaining(t -> {
            Node m = t.getSubject();
            String y = Optional.ofNullable(year(g, m, IBCR.startYear.asNode()))
                    .or(() -> Optional.ofNullable(year(g, m, IBCR.notBefore.asNode())))
                    .or(() -> Optional.ofNullable(year(g, m, IBCR.notAfter.asNode()))).orElse("0");
            Node section = first(g, m, IBCR.sourceSection.asNode());
            Node position = section == null ? null : first(g, section, SchemaDO.position.asNode());
            Node sequence = first(g, m, IBCR.sequence.asNode());
            String label = SiteContent.label(g, m, lang);
            entries.add(new Entry(Integer.parseInt(y), position == null ? 0 : Integer.parseInt(position.getLiteralLexicalForm()),
                    sequence == null ? 0 : Integer.parseInt(sequence.getLiteralLexicalForm()), label,
                    Map.of("label", label, "href", link(m), "years", years(g, m))));
        });
        entries.sort(Comparator.comparingInt(Entry::year).thenComparingInt(Entry::section).thenComparingInt(Entry::sequence)
                .thenComparing(Entry::label));
        return entries.stream().map(Entry::model).toList();
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
            m.put("members", members);
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
                    supers.add(Map.of("label", ours ? SiteContent.label(g, sup, lang) : prefixed(sup), "href", site.address().link(sup.getURI())));
                }
                supers.sort(Comparator.comparing(x -> (String) x.get("label")));
                m.put("supers", supers);
                m.put("hasSupers", !supers.isEmpty());
                Node domain = first(g, term, RDFS.domain.asNode());
                if (domain != null) {
                    m.put("domain", domain.getURI().startsWith(IBCR.NS) ? SiteContent.label(g, domain, lang) : prefixed(domain));
                    m.put("domainHref", site.address().link(domain.getURI()));
                }
                Node range = first(g, term, RDFS.range.asNode());
                if (range != null) {
                    m.put("range", range.getURI().startsWith(IBCR.NS) ? SiteContent.label(g, range, lang) : prefixed(range));
                    m.put("rangeHref", site.address().link(range.getURI()));
                }
                list.add(m);
            });
        }
        list.sort(Comparator.comparing(x -> (String) x.get("local")));
        return list;
    }

    // ---- small graph helpers

    private String link(Node n) {
        return n.isURI() ? site.address().link(n.getURI()) : "";
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
