package org.ibcr.kg.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.apache.jena.vocabulary.SchemaDO;
import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;
import org.ibcr.kg.graph.RelationshipGraph.Spell;
import org.ibcr.kg.vocab.IBCR;

/**
 * Projects the RDF graph onto relationship graphs, through SPARQL only, so the same projection works on an
 * in-memory dataset, a store, or a remote endpoint.
 *
 * <pre>{@code
 * RelationshipGraph g = GraphProjector.over(dataset).lang("fr").from(2000).to(2010).project(View.ACTORS);
 * RelationshipGraph h = GraphProjector.remote("http://localhost:3030/ibcr/sparql").project(View.GEOGRAPHY);
 * }</pre>
 */
public final class GraphProjector {
    /** The projections. */
    public enum View {
        /** Organisations, groups and people; an edge when two take part in the same milestone. */
        ACTORS("actors"),
        /** Organisations only; an edge when two take part in the same milestone, with the years they shared. */
        ORGANISATIONS("organisations"),
        /** Actors, milestones, places, works and topics; every typed link. */
        FULL("full"),
        /** Actors and the countries or regions they act in. */
        GEOGRAPHY("geography");

        private final String code;

        View(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Optional<View> byCode(String code) {
            for (View v : values()) if (v.code.equals(code)) return Optional.of(v);
            return Optional.empty();
        }
    }

    private static final String PREFIXES = "PREFIX ibcr: <" + IBCR.NS + ">\n"
            + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";

    /** The kind of a node, from its most specific ibcr class (first match wins). */
    private static final Map<String, String> KINDS = new LinkedHashMap<>();
    static {
        KINDS.put("Person", "person");
        KINDS.put("Group", "group");
        KINDS.put("Organisation", "organisation");
        KINDS.put("Milestone", "milestone");
        KINDS.put("City", "city");
        KINDS.put("Country", "country");
        KINDS.put("Region", "region");
        KINDS.put("Work", "work");
        KINDS.put("Topic", "topic");
    }
    private static final Set<String> ACTOR_KINDS = Set.of("person", "group", "organisation");

    private final Function<Query, QueryExecution> executions;
    private String lang = "en";
    private Integer from;
    private Integer to;
    private String role;

    private GraphProjector(Function<Query, QueryExecution> executions) {
        this.executions = executions;
    }

    /** Projects a local dataset (its default graph must be the union of the named graphs). */
    public static GraphProjector over(Dataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        return new GraphProjector(q -> QueryExecution.create(q, dataset));
    }

    /** Projects what a SPARQL endpoint serves. */
    public static GraphProjector remote(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return new GraphProjector(q -> QueryExecutionHTTP.service(endpoint).query(q).build());
    }

    /** Labels in this language, falling back to English. */
    public GraphProjector lang(String lang) {
        this.lang = Objects.requireNonNull(lang, "lang");
        return this;
    }

    /**
     * Only milestones the history places in or after this year: those whose last year (end year, or "not after"
     * bound) is in or after it. A milestone with no end year counts by its first year: the history attests it then,
     * and does not say how long it went on (so {@code from(2015)} leaves out an agreement of 2008).
     */
    public GraphProjector from(Integer year) {
        this.from = year;
        return this;
    }

    /** Only milestones that began in or before this year. */
    public GraphProjector to(Integer year) {
        this.to = year;
        return this;
    }

    /** Only participations in this role (a role id such as {@code funder}). */
    public GraphProjector role(String role) {
        this.role = role;
        return this;
    }

    public RelationshipGraph project(View view) {
        Objects.requireNonNull(view, "view");
        Context c = new Context(labels(), frenchLabels(), kinds(), milestoneYears(), coordinates());
        return switch (view) {
            case ACTORS, ORGANISATIONS -> actors(view, c);
            case FULL -> full(c);
            case GEOGRAPHY -> geography(c);
        };
    }

    // ---- queries

    private void select(String query, Consumer<QuerySolution> row) {
        try (QueryExecution qe = executions.apply(QueryFactory.create(PREFIXES + query))) {
            qe.execSelect().forEachRemaining(row);
        }
    }

    private static String iri(RDFNode n) {
        return n.asResource().getURI();
    }

    private Map<String, String> labels() {
        Map<String, String> best = new HashMap<>();
        Map<String, Integer> rank = new HashMap<>();
        select("SELECT ?s ?l { ?s rdfs:label ?l FILTER(isIRI(?s)) }", row -> {
            String s = iri(row.get("s"));
            String l = row.getLiteral("l").getLanguage();
            int r = l.equals(lang) ? 0 : l.equals("en") ? 1 : l.isEmpty() ? 2 : 3;
            String text = row.getLiteral("l").getLexicalForm();
            Integer old = rank.get(s);
            if (old == null || r < old || (r == old && text.compareTo(best.get(s)) < 0)) {
                rank.put(s, r);
                best.put(s, text);
            }
        });
        return best;
    }

    private Map<String, String> kinds() {
        Map<String, String> kinds = new HashMap<>();
        Map<String, Integer> priority = new HashMap<>();
        List<String> order = new ArrayList<>(KINDS.keySet());
        select("SELECT ?s ?t { ?s a ?t FILTER(isIRI(?s) && STRSTARTS(STR(?t), STR(ibcr:))) }", row -> {
            String local = iri(row.get("t")).substring(IBCR.NS.length());
            int p = order.indexOf(local);
            if (p < 0) return;
            String s = iri(row.get("s"));
            Integer old = priority.get(s);
            if (old == null || p < old) {
                priority.put(s, p);
                kinds.put(s, KINDS.get(local));
            }
        });
        return kinds;
    }

    /** For each milestone, its first and last year as far as the history bounds them (0 = open). */
    private Map<String, int[]> milestoneYears() {
        Map<String, int[]> years = new HashMap<>();
        select("SELECT ?m ?start ?end ?nb ?na { ?m a ibcr:Milestone . OPTIONAL { ?m ibcr:startYear ?start } "
                + "OPTIONAL { ?m ibcr:endYear ?end } OPTIONAL { ?m ibcr:notBefore ?nb } OPTIONAL { ?m ibcr:notAfter ?na } }", row -> {
            Integer start = year(row, "start");
            Integer end = year(row, "end");
            Integer nb = year(row, "nb");
            Integer na = year(row, "na");
            int first = start != null ? start : nb != null ? nb : na != null ? na : 0;
            int last = end != null ? end : na != null ? na : (start == null && nb == null ? 0 : 0);
            years.put(iri(row.get("m")), new int[] {first, last});
        });
        return years;
    }

    private static Integer year(QuerySolution row, String var) {
        return row.contains(var) ? Integer.valueOf(row.getLiteral(var).getLexicalForm()) : null;
    }

    private boolean inPeriod(int[] y) {
        if (y == null) return true;
        if (to != null && y[0] != 0 && y[0] > to) return false;
        int last = y[1] != 0 ? y[1] : y[0];
        if (from != null && last != 0 && last < from) return false;
        return true;
    }

    /** The ids of the roles participations have (such as {@code funder}), sorted: the values {@link #role} takes. */
    public List<String> roles() {
        Set<String> ids = new java.util.TreeSet<>();
        select("SELECT DISTINCT ?r { ?p ibcr:role ?r FILTER(isIRI(?r)) }", row -> {
            String r = iri(row.get("r"));
            ids.add(r.substring(r.lastIndexOf('/') + 1));
        });
        return List.copyOf(ids);
    }

    /**
     * An agent's part in a milestone, with the years it is active in: the participation's own years where the data
     * gives them (a role held for part of a milestone), else the milestone's; null when neither has a year.
     */
    private record Participation(String milestone, String agent, String role, Spell spell) {}

    private List<Participation> participations(Map<String, int[]> years) {
        List<Participation> list = new ArrayList<>();
        select("SELECT ?m ?a ?r ?start ?end { ?m ibcr:qualifiedParticipation ?p . ?p ibcr:agent ?a ; ibcr:role ?r "
                + "OPTIONAL { ?p ibcr:startYear ?start } OPTIONAL { ?p ibcr:endYear ?end } }", row -> {
            String r = iri(row.get("r"));
            String roleId = r.substring(r.lastIndexOf('/') + 1);
            if (role != null && !role.equals(roleId)) return;
            String m = iri(row.get("m"));
            Spell own = interval(years.get(m));
            Integer start = year(row, "start");
            Integer end = year(row, "end");
            if (start != null || end != null) {
                // the role's own years; a bound it leaves open is the milestone's
                int first = start != null ? start : own != null ? own.start() : end;
                int last = end != null ? end : own != null ? Math.max(own.end(), first) : first;
                own = new Spell(Math.min(first, last), last);
            }
            if (own == null ? inPeriod(years.get(m)) : inPeriod(new int[] {own.start(), own.end()})) {
                list.add(new Participation(m, iri(row.get("a")), r, own));
            }
        });
        list.sort(Comparator.comparing(Participation::milestone).thenComparing(Participation::agent).thenComparing(Participation::role));
        return list;
    }

    // ---- time and attributes

    /**
     * The years a milestone is active in: from its first year to its last, both as the history bounds them; a
     * milestone with only a first year counts for that year alone (the rule of {@link #from}), one with no year
     * at all for none.
     */
    private static Spell interval(int[] y) {
        if (y == null) return null;
        int first = y[0] != 0 ? y[0] : y[1];
        int last = y[1] != 0 ? y[1] : y[0];
        return first == 0 ? null : new Spell(first, Math.max(first, last));
    }

    private static List<Spell> spellsOf(Iterable<String> milestones, Map<String, int[]> years) {
        List<Spell> spells = new ArrayList<>();
        for (String m : milestones) {
            Spell s = interval(years.get(m));
            if (s != null) spells.add(s);
        }
        return Spell.merge(spells);
    }

    /** Every year the spells cover, such as {@code 2009 2010 2011 2012}. */
    private static String everyYear(List<Spell> spells) {
        List<String> years = new ArrayList<>();
        for (Spell s : spells) for (int y = s.start(); y <= s.end(); y++) years.add(Integer.toString(y));
        return String.join(" ", years);
    }

    /** What every view projects from: labels in both languages, kinds, milestone years, coordinates. */
    private record Context(Map<String, String> labels, Map<String, String> french, Map<String, String> kinds,
                           Map<String, int[]> years, Map<String, String[]> coordinates) {}

    /** The node's further attributes: its French label, and its coordinates where the data has them. */
    private Map<String, String> attributes(String iri, Context c) {
        Map<String, String> a = new LinkedHashMap<>();
        String fr = c.french().get(iri);
        if (fr != null) a.put("label_fr", fr);
        String[] at = c.coordinates().get(iri);
        if (at != null) {
            a.put("lat", at[0]);
            a.put("lon", at[1]);
        }
        return a;
    }

    private GraphNode node(String iri, Context c, List<Spell> spells) {
        return GraphNode.of(iri, label(c.labels(), iri), c.kinds().getOrDefault(iri, "other"), spells, attributes(iri, c));
    }

    private Map<String, String> frenchLabels() {
        Map<String, String> french = new HashMap<>();
        select("SELECT ?s ?l { ?s rdfs:label ?l FILTER(isIRI(?s) && lang(?l) = \"fr\") }", row -> {
            String s = iri(row.get("s"));
            String text = row.getLiteral("l").getLexicalForm();
            french.merge(s, text, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        });
        return french;
    }

    /** Latitude and longitude as the data states them (only checked coordinates are in the data). */
    private Map<String, String[]> coordinates() {
        Map<String, String[]> at = new HashMap<>();
        select("SELECT ?s ?lat ?lon { ?s <" + SchemaDO.latitude.getURI() + "> ?lat ; <" + SchemaDO.longitude.getURI() + "> ?lon "
                + "FILTER(isIRI(?s)) }", row -> at.merge(iri(row.get("s")),
                new String[] {row.getLiteral("lat").getLexicalForm(), row.getLiteral("lon").getLexicalForm()},
                (a, b) -> (a[0] + a[1]).compareTo(b[0] + b[1]) <= 0 ? a : b));
        return at;
    }

    private static String roleId(String roleIri) {
        return roleIri.substring(roleIri.lastIndexOf('/') + 1);
    }

    // ---- views

    /** Actors (or organisations only): an edge when two take part in the same milestone. */
    private RelationshipGraph actors(View view, Context c) {
        boolean organisationsOnly = view == View.ORGANISATIONS;
        Map<String, Map<String, List<String>>> rolesByMilestone = new TreeMap<>(); // milestone -> agent -> role labels
        Map<String, Map<String, List<String>>> roleIdsByMilestone = new TreeMap<>(); // milestone -> agent -> role ids
        Map<String, List<String>> milestonesOfAgent = new TreeMap<>();
        Map<String, List<Spell>> spellsOfAgent = new HashMap<>();
        Map<String, List<Spell>> spellsOfPart = new HashMap<>(); // "milestone agent" -> years
        for (Participation p : participations(c.years())) {
            if (organisationsOnly && !"organisation".equals(c.kinds().get(p.agent()))) continue;
            rolesByMilestone.computeIfAbsent(p.milestone(), k -> new TreeMap<>())
                    .computeIfAbsent(p.agent(), k -> new ArrayList<>()).add(label(c.labels(), p.role()));
            roleIdsByMilestone.computeIfAbsent(p.milestone(), k -> new TreeMap<>())
                    .computeIfAbsent(p.agent(), k -> new ArrayList<>()).add(roleId(p.role()));
            List<String> ms = milestonesOfAgent.computeIfAbsent(p.agent(), k -> new ArrayList<>());
            if (!ms.contains(p.milestone())) ms.add(p.milestone());
            List<Spell> agentSpells = spellsOfAgent.computeIfAbsent(p.agent(), k -> new ArrayList<>());
            List<Spell> partSpells = spellsOfPart.computeIfAbsent(p.milestone() + " " + p.agent(), k -> new ArrayList<>());
            if (p.spell() != null) {
                agentSpells.add(p.spell());
                partSpells.add(p.spell());
            }
        }
        Map<String, GraphNode> nodes = new TreeMap<>();
        for (var e : milestonesOfAgent.entrySet()) nodes.put(e.getKey(), node(e.getKey(), c, spellsOfAgent.get(e.getKey())));
        Map<String, List<String>> pairs = new TreeMap<>(); // "a b" -> milestones
        for (var e : rolesByMilestone.entrySet()) {
            List<String> agents = new ArrayList<>(e.getValue().keySet());
            for (int i = 0; i < agents.size(); i++) {
                for (int j = i + 1; j < agents.size(); j++) {
                    pairs.computeIfAbsent(agents.get(i) + " " + agents.get(j), k -> new ArrayList<>()).add(e.getKey());
                }
            }
        }
        List<GraphEdge> edges = new ArrayList<>();
        for (var e : pairs.entrySet()) {
            String[] ends = e.getKey().split(" ");
            List<String> milestones = e.getValue();
            List<String> described = new ArrayList<>();
            Set<String> roleIds = new java.util.TreeSet<>();
            for (String m : milestones) {
                Map<String, List<String>> roles = rolesByMilestone.get(m);
                described.add(label(c.labels(), m) + " (" + label(c.labels(), ends[0]) + ": " + String.join(", ", roles.get(ends[0]))
                        + "; " + label(c.labels(), ends[1]) + ": " + String.join(", ", roles.get(ends[1])) + ")");
                roleIds.addAll(roleIdsByMilestone.get(m).get(ends[0]));
                roleIds.addAll(roleIdsByMilestone.get(m).get(ends[1]));
            }
            // the years both took part in each milestone (the milestone's, unless a role has years of its own)
            List<Spell> shared = new ArrayList<>();
            for (String m : milestones) {
                List<Spell> a = Spell.merge(spellsOfPart.get(m + " " + ends[0]));
                List<Spell> b = Spell.merge(spellsOfPart.get(m + " " + ends[1]));
                List<Spell> both = Spell.intersect(a, b);
                shared.addAll(both.isEmpty() ? spellsOf(List.of(m), c.years()) : both);
            }
            List<Spell> spells = Spell.merge(shared);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("role", String.join(" ", roleIds));
            attributes.put("milestones", String.join(" | ", described));
            attributes.put("milestoneIris", String.join(" ", milestones));
            attributes.put("roles", String.join(" | ", rolePairs(milestones, rolesByMilestone, ends)));
            attributes.put("years", everyYear(spells));
            String label = milestones.size() == 1 ? described.get(0) : milestones.size() + " shared milestones";
            edges.add(GraphEdge.of("e" + edges.size(), ends[0], ends[1], "shared-milestone", label, milestones.size(), attributes, spells));
        }
        return new RelationshipGraph(view.code(), List.copyOf(nodes.values()), edges);
    }

    private static List<String> rolePairs(List<String> milestones, Map<String, Map<String, List<String>>> roles, String[] ends) {
        List<String> list = new ArrayList<>();
        for (String m : milestones) list.add(String.join(", ", roles.get(m).get(ends[0])) + " / " + String.join(", ", roles.get(m).get(ends[1])));
        return list;
    }

    private RelationshipGraph full(Context c) {
        Map<String, String> kinds = c.kinds();
        Map<String, int[]> years = c.years();
        List<String[]> links = new ArrayList<>();
        // Every typed link of the ontology between two nodes of the graph; participations become role edges.
        Set<String> skipped = Set.of("participant", "qualifiedParticipation", "agent", "role", "quantity", "sourceSection",
                "qualifier", "workType");
        select("SELECT ?s ?p ?o { ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?p), STR(ibcr:))) }", row -> {
            String p = iri(row.get("p")).substring(IBCR.NS.length());
            if (skipped.contains(p)) return;
            links.add(new String[] {iri(row.get("s")), p, iri(row.get("o"))});
        });
        Map<String, Spell> partSpells = new HashMap<>();
        for (Participation part : participations(years)) {
            links.add(new String[] {part.milestone(), "role:" + part.role(), part.agent()});
            if (part.spell() != null) partSpells.put(part.milestone() + " role:" + part.role() + " " + part.agent(), part.spell());
        }
        links.sort(Comparator.comparing((String[] l) -> l[0]).thenComparing(l -> l[1]).thenComparing(l -> l[2]));
        List<String[]> kept = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Set<String> nodeIds = new java.util.TreeSet<>();
        Map<String, Set<String>> milestonesOf = new HashMap<>(); // node -> the milestones it is linked to
        Map<String, Set<String>> neighbours = new HashMap<>();
        Map<String, List<Spell>> ownSpells = new HashMap<>(); // an agent's years in its roles
        for (String[] l : links) {
            if (!kinds.containsKey(l[0]) || !kinds.containsKey(l[2])) continue;
            int[] y = years.containsKey(l[0]) ? years.get(l[0]) : years.get(l[2]);
            boolean s = kinds.get(l[0]).equals("milestone");
            boolean o = kinds.get(l[2]).equals("milestone");
            if ((s || o) && !l[1].startsWith("role:") && !inPeriod(y)) continue;
            if (!seen.add(l[0] + " " + l[1] + " " + l[2])) continue;
            kept.add(l);
            nodeIds.add(l[0]);
            nodeIds.add(l[2]);
            if (l[1].startsWith("role:")) {
                // an agent is active in the years of its roles, which may be its own
                Spell part = partSpells.get(l[0] + " " + l[1] + " " + l[2]);
                if (part != null) ownSpells.computeIfAbsent(l[2], k -> new ArrayList<>()).add(part);
            } else {
                if (s) milestonesOf.computeIfAbsent(l[2], k -> new java.util.TreeSet<>()).add(l[0]);
                if (o) milestonesOf.computeIfAbsent(l[0], k -> new java.util.TreeSet<>()).add(l[2]);
            }
            neighbours.computeIfAbsent(l[0], k -> new java.util.TreeSet<>()).add(l[2]);
            neighbours.computeIfAbsent(l[2], k -> new java.util.TreeSet<>()).add(l[0]);
        }
        // A milestone is active in its own years; any other node in those of the milestones it is linked to; a node
        // linked to none (a region, through its countries) in those of its neighbours, a step further each round.
        Map<String, List<Spell>> spells = new HashMap<>();
        for (String n : nodeIds) {
            List<Spell> own = new ArrayList<>(kinds.get(n).equals("milestone") ? spellsOf(List.of(n), years)
                    : spellsOf(milestonesOf.getOrDefault(n, Set.of()), years));
            own.addAll(ownSpells.getOrDefault(n, List.of()));
            if (!own.isEmpty()) spells.put(n, Spell.merge(own));
        }
        for (boolean changed = true; changed; ) {
            changed = false;
            Map<String, List<Spell>> found = new TreeMap<>();
            for (String n : nodeIds) {
                if (spells.containsKey(n)) continue;
                List<Spell> union = new ArrayList<>();
                for (String m : neighbours.getOrDefault(n, Set.of())) union.addAll(spells.getOrDefault(m, List.of()));
                if (!union.isEmpty()) found.put(n, Spell.merge(union));
            }
            spells.putAll(found);
            changed = !found.isEmpty();
        }
        Map<String, GraphNode> nodes = new TreeMap<>();
        for (String n : nodeIds) nodes.put(n, node(n, c, spells.getOrDefault(n, List.of())));
        List<GraphEdge> edges = new ArrayList<>();
        for (String[] l : kept) {
            boolean isRole = l[1].startsWith("role:");
            String type = isRole ? "role" : l[1];
            String label = isRole ? label(c.labels(), l[1].substring(5)) : label(c.labels(), IBCR.NS + l[1]);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("role", isRole ? roleId(l[1].substring(5)) : "");
            attributes.put("property", isRole ? IBCR.role.getURI() : IBCR.NS + l[1]);
            if (isRole) attributes.put("roleIri", l[1].substring(5));
            List<Spell> edgeSpells;
            if (isRole) edgeSpells = partSpells.containsKey(l[0] + " " + l[1] + " " + l[2])
                    ? List.of(partSpells.get(l[0] + " " + l[1] + " " + l[2])) : List.of();
            else if (kinds.get(l[0]).equals("milestone")) edgeSpells = spellsOf(List.of(l[0]), years);
            else if (kinds.get(l[2]).equals("milestone")) edgeSpells = spellsOf(List.of(l[2]), years);
            else {
                // two nodes that are no milestones: while both are active, or else whenever either is
                List<Spell> a = spells.getOrDefault(l[0], List.of());
                List<Spell> b = spells.getOrDefault(l[2], List.of());
                edgeSpells = Spell.intersect(a, b);
                if (edgeSpells.isEmpty()) {
                    List<Spell> union = new ArrayList<>(a);
                    union.addAll(b);
                    edgeSpells = union;
                }
            }
            edges.add(GraphEdge.of("e" + edges.size(), l[0], l[2], type, label, 1, attributes, edgeSpells));
        }
        return new RelationshipGraph(View.FULL.code(), List.copyOf(nodes.values()), edges);
    }

    private RelationshipGraph geography(Context c) {
        Map<String, int[]> years = c.years();
        Map<String, String> countryOfCity = new HashMap<>();
        select("SELECT ?city ?country { ?city a ibcr:City ; ibcr:within ?country }", row -> countryOfCity.put(iri(row.get("city")), iri(row.get("country"))));
        Map<String, List<String>> placesOfMilestone = new TreeMap<>();
        select("SELECT ?m ?place { ?m ibcr:location ?place }", row -> {
            String place = iri(row.get("place"));
            placesOfMilestone.computeIfAbsent(iri(row.get("m")), k -> new ArrayList<>()).add(countryOfCity.getOrDefault(place, place));
        });
        Map<String, List<String>> milestonesOfPair = new TreeMap<>(); // "agent place" -> milestones
        Map<String, List<Spell>> spellsOfAgent = new HashMap<>();
        Map<String, List<Spell>> spellsOfPair = new HashMap<>(); // "agent place" -> years
        Map<String, List<Spell>> spellsOfPlace = new HashMap<>();
        Map<String, Set<String>> roleIds = new HashMap<>(); // "agent milestone" -> role ids
        Map<String, Set<String>> roleLabels = new HashMap<>();
        for (Participation p : participations(years)) {
            List<Spell> agentSpells = spellsOfAgent.computeIfAbsent(p.agent(), k -> new ArrayList<>());
            if (p.spell() != null) agentSpells.add(p.spell());
            roleIds.computeIfAbsent(p.agent() + " " + p.milestone(), k -> new java.util.TreeSet<>()).add(roleId(p.role()));
            roleLabels.computeIfAbsent(p.agent() + " " + p.milestone(), k -> new java.util.TreeSet<>()).add(label(c.labels(), p.role()));
            for (String place : placesOfMilestone.getOrDefault(p.milestone(), List.of())) {
                List<String> ms = milestonesOfPair.computeIfAbsent(p.agent() + " " + place, k -> new ArrayList<>());
                if (!ms.contains(p.milestone())) ms.add(p.milestone());
                List<Spell> pair = spellsOfPair.computeIfAbsent(p.agent() + " " + place, k -> new ArrayList<>());
                List<Spell> at = spellsOfPlace.computeIfAbsent(place, k -> new ArrayList<>());
                if (p.spell() != null) {
                    pair.add(p.spell());
                    at.add(p.spell());
                }
            }
        }
        Map<String, GraphNode> nodes = new TreeMap<>();
        List<GraphEdge> edges = new ArrayList<>();
        for (var e : milestonesOfPair.entrySet()) {
            String[] ends = e.getKey().split(" ");
            // an actor is active in the years of all its milestones, a place in those of the milestones located there
            nodes.computeIfAbsent(ends[0], a -> node(a, c, spellsOfAgent.get(a)));
            nodes.computeIfAbsent(ends[1], p -> node(p, c, spellsOfPlace.get(p)));
            List<String> names = new ArrayList<>();
            Set<String> ids = new java.util.TreeSet<>();
            Set<String> labels = new java.util.TreeSet<>();
            for (String m : e.getValue()) {
                names.add(label(c.labels(), m));
                ids.addAll(roleIds.get(ends[0] + " " + m));
                labels.addAll(roleLabels.get(ends[0] + " " + m));
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("role", String.join(" ", ids));
            attributes.put("roles", String.join(", ", labels));
            attributes.put("milestones", String.join(" | ", names));
            attributes.put("milestoneIris", String.join(" ", e.getValue()));
            edges.add(GraphEdge.of("e" + edges.size(), ends[0], ends[1], "acts-in",
                    label(c.labels(), ends[0]) + " in " + label(c.labels(), ends[1]), e.getValue().size(), attributes,
                    spellsOfPair.get(e.getKey())));
        }
        return new RelationshipGraph(View.GEOGRAPHY.code(), List.copyOf(nodes.values()), edges);
    }

    private static String label(Map<String, String> labels, String iri) {
        String l = labels.get(iri);
        if (l != null) return l;
        return iri.substring(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1);
    }

    /** Whether a node kind is an actor. */
    static boolean isActor(String kind) {
        return ACTOR_KINDS.contains(kind);
    }
}
