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
import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;
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
        Map<String, String> labels = labels();
        Map<String, String> kinds = kinds();
        Map<String, int[]> years = milestoneYears();
        return switch (view) {
            case ACTORS -> actors(labels, kinds, years);
            case FULL -> full(labels, kinds, years);
            case GEOGRAPHY -> geography(labels, kinds, years);
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

    private record Participation(String milestone, String agent, String role) {}

    private List<Participation> participations(Map<String, int[]> years) {
        List<Participation> list = new ArrayList<>();
        select("SELECT ?m ?a ?r { ?m ibcr:qualifiedParticipation ?p . ?p ibcr:agent ?a ; ibcr:role ?r }", row -> {
            String r = iri(row.get("r"));
            String roleId = r.substring(r.lastIndexOf('/') + 1);
            if (role != null && !role.equals(roleId)) return;
            String m = iri(row.get("m"));
            if (inPeriod(years.get(m))) list.add(new Participation(m, iri(row.get("a")), r));
        });
        list.sort(Comparator.comparing(Participation::milestone).thenComparing(Participation::agent).thenComparing(Participation::role));
        return list;
    }

    // ---- views

    private RelationshipGraph actors(Map<String, String> labels, Map<String, String> kinds, Map<String, int[]> years) {
        Map<String, Map<String, List<String>>> rolesByMilestone = new TreeMap<>(); // milestone -> agent -> roles
        for (Participation p : participations(years)) {
            rolesByMilestone.computeIfAbsent(p.milestone(), k -> new TreeMap<>())
                    .computeIfAbsent(p.agent(), k -> new ArrayList<>()).add(label(labels, p.role()));
        }
        Map<String, GraphNode> nodes = new TreeMap<>();
        Map<String, List<String>> pairs = new TreeMap<>(); // "a b" -> milestones
        for (var e : rolesByMilestone.entrySet()) {
            List<String> agents = new ArrayList<>(e.getValue().keySet());
            for (String a : agents) nodes.putIfAbsent(a, node(a, labels, kinds, null));
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
            int first = Integer.MAX_VALUE;
            int last = Integer.MIN_VALUE;
            boolean open = false;
            for (String m : milestones) {
                Map<String, List<String>> roles = rolesByMilestone.get(m);
                described.add(label(labels, m) + " (" + label(labels, ends[0]) + ": " + String.join(", ", roles.get(ends[0]))
                        + "; " + label(labels, ends[1]) + ": " + String.join(", ", roles.get(ends[1])) + ")");
                int[] y = years.get(m);
                if (y != null && y[0] != 0) first = Math.min(first, y[0]);
                if (y == null || y[1] == 0) open = true; else last = Math.max(last, y[1]);
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("milestones", String.join(" | ", described));
            attributes.put("milestoneIris", String.join(" ", milestones));
            attributes.put("roles", String.join(" | ", rolePairs(milestones, rolesByMilestone, ends)));
            String label = milestones.size() == 1 ? described.get(0) : milestones.size() + " shared milestones";
            edges.add(new GraphEdge("e" + edges.size(), ends[0], ends[1], "shared-milestone", label,
                    first == Integer.MAX_VALUE ? Optional.empty() : Optional.of(first),
                    open || last == Integer.MIN_VALUE ? Optional.empty() : Optional.of(last), milestones.size(), attributes));
        }
        return new RelationshipGraph(View.ACTORS.code(), List.copyOf(nodes.values()), edges);
    }

    private static List<String> rolePairs(List<String> milestones, Map<String, Map<String, List<String>>> roles, String[] ends) {
        List<String> list = new ArrayList<>();
        for (String m : milestones) list.add(String.join(", ", roles.get(m).get(ends[0])) + " / " + String.join(", ", roles.get(m).get(ends[1])));
        return list;
    }

    private RelationshipGraph full(Map<String, String> labels, Map<String, String> kinds, Map<String, int[]> years) {
        Map<String, GraphNode> nodes = new TreeMap<>();
        List<String[]> links = new ArrayList<>();
        // Every typed link of the ontology between two nodes of the graph; participations become role edges.
        Set<String> skipped = Set.of("participant", "qualifiedParticipation", "agent", "role", "quantity", "sourceSection",
                "qualifier", "workType");
        select("SELECT ?s ?p ?o { ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?p), STR(ibcr:))) }", row -> {
            String p = iri(row.get("p")).substring(IBCR.NS.length());
            if (skipped.contains(p)) return;
            links.add(new String[] {iri(row.get("s")), p, iri(row.get("o"))});
        });
        for (Participation part : participations(years)) links.add(new String[] {part.milestone(), "role:" + part.role(), part.agent()});
        links.sort(Comparator.comparing((String[] l) -> l[0]).thenComparing(l -> l[1]).thenComparing(l -> l[2]));
        List<GraphEdge> edges = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String[] l : links) {
            if (!kinds.containsKey(l[0]) || !kinds.containsKey(l[2])) continue;
            int[] y = years.containsKey(l[0]) ? years.get(l[0]) : years.get(l[2]);
            if ((kinds.get(l[0]).equals("milestone") || kinds.get(l[2]).equals("milestone")) && !inPeriod(y)) continue;
            if (!seen.add(l[0] + " " + l[1] + " " + l[2])) continue;
            nodes.putIfAbsent(l[0], node(l[0], labels, kinds, years.get(l[0])));
            nodes.putIfAbsent(l[2], node(l[2], labels, kinds, years.get(l[2])));
            boolean isRole = l[1].startsWith("role:");
            String type = isRole ? "role" : l[1];
            String label = isRole ? label(labels, l[1].substring(5)) : label(labels, IBCR.NS + l[1]);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("property", isRole ? IBCR.role.getURI() : IBCR.NS + l[1]);
            if (isRole) attributes.put("roleIri", l[1].substring(5));
            edges.add(new GraphEdge("e" + edges.size(), l[0], l[2], type, label, start(y), end(y), 1, attributes));
        }
        return new RelationshipGraph(View.FULL.code(), List.copyOf(nodes.values()), edges);
    }

    private RelationshipGraph geography(Map<String, String> labels, Map<String, String> kinds, Map<String, int[]> years) {
        Map<String, String> countryOfCity = new HashMap<>();
        select("SELECT ?city ?country { ?city a ibcr:City ; ibcr:within ?country }", row -> countryOfCity.put(iri(row.get("city")), iri(row.get("country"))));
        Map<String, List<String>> placesOfMilestone = new TreeMap<>();
        select("SELECT ?m ?place { ?m ibcr:location ?place }", row -> {
            String place = iri(row.get("place"));
            placesOfMilestone.computeIfAbsent(iri(row.get("m")), k -> new ArrayList<>()).add(countryOfCity.getOrDefault(place, place));
        });
        Map<String, List<String>> milestonesOfPair = new TreeMap<>(); // "agent place" -> milestones
        for (Participation p : participations(years)) {
            for (String place : placesOfMilestone.getOrDefault(p.milestone(), List.of())) {
                List<String> ms = milestonesOfPair.computeIfAbsent(p.agent() + " " + place, k -> new ArrayList<>());
                if (!ms.contains(p.milestone())) ms.add(p.milestone());
            }
        }
        Map<String, GraphNode> nodes = new TreeMap<>();
        List<GraphEdge> edges = new ArrayList<>();
        for (var e : milestonesOfPair.entrySet()) {
            String[] ends = e.getKey().split(" ");
            nodes.putIfAbsent(ends[0], node(ends[0], labels, kinds, null));
            nodes.putIfAbsent(ends[1], node(ends[1], labels, kinds, null));
            int first = Integer.MAX_VALUE;
            int last = Integer.MIN_VALUE;
            boolean open = false;
            List<String> names = new ArrayList<>();
            for (String m : e.getValue()) {
                names.add(label(labels, m));
                int[] y = years.get(m);
                if (y != null && y[0] != 0) first = Math.min(first, y[0]);
                if (y == null || y[1] == 0) open = true; else last = Math.max(last, y[1]);
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("milestones", String.join(" | ", names));
            attributes.put("milestoneIris", String.join(" ", e.getValue()));
            edges.add(new GraphEdge("e" + edges.size(), ends[0], ends[1], "acts-in",
                    label(labels, ends[0]) + " in " + label(labels, ends[1]),
                    first == Integer.MAX_VALUE ? Optional.empty() : Optional.of(first),
                    open || last == Integer.MIN_VALUE ? Optional.empty() : Optional.of(last), e.getValue().size(), attributes));
        }
        return new RelationshipGraph(View.GEOGRAPHY.code(), List.copyOf(nodes.values()), edges);
    }

    private GraphNode node(String iri, Map<String, String> labels, Map<String, String> kinds, int[] years) {
        return new GraphNode(iri, label(labels, iri), kinds.getOrDefault(iri, "other"), start(years), end(years));
    }

    private static Optional<Integer> start(int[] y) {
        return y == null || y[0] == 0 ? Optional.empty() : Optional.of(y[0]);
    }

    private static Optional<Integer> end(int[] y) {
        return y == null || y[1] == 0 ? Optional.empty() : Optional.of(y[1]);
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
