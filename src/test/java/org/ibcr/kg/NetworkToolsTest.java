package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.query.QueryExecution;
import org.ibcr.kg.graph.GraphProjector;
import org.ibcr.kg.graph.GraphProjector.View;
import org.ibcr.kg.graph.RelationshipGraph;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.source.CsvHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * The relationship graphs as analysts open them, with their tools as Debian ships them and nothing registered or
 * patched: NetworkX 2.8.8 ({@code read_gexf}, {@code read_graphml}, {@code cytoscape_graph}), python-igraph
 * ({@code Read_GraphML}), Graphviz ({@code dot -Tsvg}); the Neo4j CSV checked as the bulk importer reads it; the
 * figures we export against NetworkX's own; time as Gephi's timeline reads it, against SPARQL; ego networks,
 * yearly snapshots and the organisations' projection.
 */
class NetworkToolsTest {
    private static final String ID = "https://w3id.org/ibcr/id/";
    private static final String IBCR = ID + "organisation/ibcr";
    private static final String SIDA = ID + "organisation/sida";
    private static final String GAC = ID + "organisation/global-affairs-canada";
    private static final List<String> VIEWS = List.of("actors", "organisations", "full", "geography");

    /** Reads a file with stock NetworkX and prints its node and edge counts and direction. */
    private static final String READ = """
            import json, sys
            import networkx as nx
            from networkx.readwrite.json_graph import cytoscape_graph
            kind, path = sys.argv[1], sys.argv[2]
            if kind == "gexf":
                G = nx.read_gexf(path)
            elif kind == "graphml":
                G = nx.read_graphml(path)
            else:
                with open(path, encoding="utf-8") as f:
                    G = cytoscape_graph(json.load(f))
            print(json.dumps({"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "directed": G.is_directed()}))
            """;

    /** Reads a GraphML file with python-igraph and prints its counts and attribute names. */
    private static final String IGRAPH = """
            import json, sys
            import igraph
            g = igraph.Graph.Read_GraphML(sys.argv[1])
            print(json.dumps({"nodes": g.vcount(), "edges": g.ecount(), "directed": g.is_directed(),
                              "node_attributes": g.vs.attributes(), "edge_attributes": g.es.attributes()}))
            """;

    /**
     * The figures NetworkX computes on the graph of a GraphML file (directions dropped, parallel edges merged with
     * their weights summed, loops left out: the graph our figures are defined on), beside the ones the file carries.
     */
    private static final String FIGURES = """
            import json, sys
            import networkx as nx
            G = nx.read_graphml(sys.argv[1])
            H = nx.Graph()
            H.add_nodes_from(G.nodes())
            for u, v, d in G.edges(data=True):
                if u == v:
                    continue
                w = d.get("weight", 1)
                if H.has_edge(u, v):
                    H[u][v]["weight"] += w
                else:
                    H.add_edge(u, v, weight=w)
            # tol far below NetworkX's default, so the comparison to 1e-6 is not about when each stops iterating.
            # nx.pagerank needs SciPy, which Debian's python3-networkx only suggests; without it, NetworkX's own
            # pure-Python implementation of the same definition (the one its tests check nx.pagerank against).
            try:
                import scipy
                pagerank = nx.pagerank
            except ImportError:
                from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python as pagerank
            pr = pagerank(H, alpha=0.85, weight="weight", tol=1e-12, max_iter=10000)
            bc = nx.betweenness_centrality(H, normalized=True)
            cc = nx.closeness_centrality(H)
            ours = {n: {k: d[k] for k in ("degree", "weighted_degree", "betweenness", "closeness", "pagerank", "community")}
                    for n, d in G.nodes(data=True)}
            theirs = {n: {"degree": H.degree(n), "weighted_degree": H.degree(n, weight="weight"), "betweenness": bc[n],
                          "closeness": cc[n], "pagerank": pr[n]} for n in H.nodes()}
            communities = {}
            for n, d in G.nodes(data=True):
                communities.setdefault(d["community"], set()).add(n)
            partition = nx.community.is_partition(H, list(communities.values()))
            print(json.dumps({"ours": ours, "networkx": theirs, "partition": partition}))
            """;

    /** Reads a dynamic GEXF with stock NetworkX and prints the nodes active in a year, by start/end or spells. */
    private static final String ACTIVE = """
            import json, sys
            import networkx as nx
            G = nx.read_gexf(sys.argv[1])
            year = int(sys.argv[2])
            def active(d):
                spells = d.get("spells") or ([(d["start"], d["end"])] if "start" in d and "end" in d else [])
                return any(s <= year <= e for s, e in spells)
            print(json.dumps(sorted(n for n, d in G.nodes(data=True) if active(d))))
            """;

    /** The actors taking part in a milestone the history places in 2010, by the same reading of its years as the exports. */
    private static final String ACTORS_IN_2010 = """
            PREFIX ibcr: <https://w3id.org/ibcr/ontology#>
            PREFIX xsd:  <http://www.w3.org/2001/XMLSchema#>
            SELECT DISTINCT ?agent WHERE {
              ?m ibcr:qualifiedParticipation/ibcr:agent ?agent .
              OPTIONAL { ?m ibcr:startYear ?start }  OPTIONAL { ?m ibcr:endYear ?end }
              OPTIONAL { ?m ibcr:notBefore ?nb }     OPTIONAL { ?m ibcr:notAfter ?na }
              BIND(COALESCE(xsd:integer(str(?start)), xsd:integer(str(?nb)), xsd:integer(str(?na)), xsd:integer(str(?end))) AS ?first)
              BIND(COALESCE(xsd:integer(str(?end)), xsd:integer(str(?na)), xsd:integer(str(?start)), xsd:integer(str(?nb))) AS ?last)
              FILTER(?first <= 2010 && ?last >= 2010)
            }
            """;

    @TempDir
    static Path dir;

    private static BuiltGraph built;

    @BeforeAll
    static void build() {
        built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
    }

    // ---- stock readers

    @Test
    void networkxReadsEveryViewInEveryFormatWithTheSameCounts() throws IOException {
        ExternalTool.requirePythonModule("networkx", "python3-networkx");
        for (String view : VIEWS) {
            RelationshipGraph graph = project(view);
            for (String format : List.of("gexf", "graphml", "json")) {
                JsonObject read = python(READ, format, export(view + "-read." + format, "--view", view).toString());
                assertEquals(graph.nodes().size(), read.getInt("nodes"), view + "." + format + ": nodes");
                assertEquals(graph.edges().size(), read.getInt("edges"), view + "." + format + ": edges");
                assertEquals(view.equals("full"), read.getBoolean("directed"), view + "." + format + ": direction");
            }
        }
    }

    @Test
    void igraphReadsTheGraphmlWithEveryAttribute() throws IOException {
        ExternalTool.requirePythonModule("igraph", "python3-igraph");
        for (String view : VIEWS) {
            RelationshipGraph graph = project(view);
            JsonObject read = python(IGRAPH, export(view + "-igraph.graphml", "--view", view).toString());
            assertEquals(graph.nodes().size(), read.getInt("nodes"), view);
            assertEquals(graph.edges().size(), read.getInt("edges"), view);
            Set<String> nodeAttributes = strings(read.getJsonArray("node_attributes"));
            for (String a : List.of("label", "kind", "iri", "start", "end", "degree", "pagerank", "community")) {
                assertTrue(nodeAttributes.contains(a), view + ": igraph reads the node attribute " + a + ": " + nodeAttributes);
            }
            Set<String> edgeAttributes = strings(read.getJsonArray("edge_attributes"));
            for (String a : List.of("label", "type", "role", "weight", "start")) {
                assertTrue(edgeAttributes.contains(a), view + ": igraph reads the edge attribute " + a + ": " + edgeAttributes);
            }
        }
    }

    @Test
    void graphvizRendersTheDotWithShortEdgeLabels() throws IOException {
        ExternalTool.require("dot", "graphviz");
        for (String view : VIEWS) {
            Path dot = export(view + ".dot", "--view", view);
            ExternalTool.Result r = ExternalTool.run(List.of("dot", "-Tsvg", dot.toString()));
            assertEquals(0, r.code(), view + ": dot -Tsvg failed:\n" + r.err());
            assertTrue(r.out().contains("<svg"), view);
            assertFalse(r.err().contains("Warning") || r.err().contains("Error"), view + ": Graphviz complains:\n" + r.err());
        }
        String actors = Files.readString(dir.resolve("actors.dot"), StandardCharsets.UTF_8);
        assertFalse(actors.contains("start_year"), "the year is start, as in every other format");
        String sida = actors.lines().filter(l -> l.contains(IBCR) && l.contains(SIDA) && l.contains(" -- ")).findFirst().orElseThrow();
        String label = attribute(sida, "label");
        assertTrue(label.contains("funder") && label.length() < 40, "the drawn label is the role: " + label);
        assertTrue(attribute(sida, "tooltip").contains("First agreement with Sida and Save the Children"), "the sentence is the tooltip: " + sida);
        assertTrue(attribute(sida, "start").equals("2008"), sida);
    }

    @Test
    void theReadmesPythonLinesRunAsWritten() throws IOException {
        ExternalTool.requirePythonModule("networkx", "python3-networkx");
        ExternalTool.requirePythonModule("igraph", "python3-igraph");
        Path folder = Files.createDirectories(dir.resolve("readme"));
        for (String format : List.of("gexf", "graphml", "json")) {
            assertEquals(0, CliRun.of("graph", "--output", folder.resolve("actors." + format).toString()).code());
        }
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("## Relationship graphs"));
        java.util.regex.Matcher blocks = java.util.regex.Pattern.compile("```python\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(section);
        int run = 0;
        while (blocks.find()) {
            String script = "import os\nos.chdir(" + jakarta.json.Json.createValue(folder.toString()) + ")\n" + blocks.group(1);
            ExternalTool.Result r = ExternalTool.run(List.of(ExternalTool.PYTHON, "-c", script));
            assertEquals(0, r.code(), "README.md's lines fail:\n" + blocks.group(1) + "\n" + r.err());
            run++;
        }
        assertEquals(2, run, "the NetworkX and igraph lines");
    }

    // ---- Neo4j

    @Test
    void neo4jCsvHasValidHeadersAndEveryEdgeEndIsANode() throws IOException {
        List<String> roles = GraphProjector.over(built.queryDataset()).roles();
        for (String view : VIEWS) {
            assertEquals(0, CliRun.of("graph", "--view", view, "--format", "csv", "--output", dir.resolve("neo-" + view).toString()).code());
            List<CSVRecord> nodes = readCsv(dir.resolve("neo-" + view + "-nodes.csv"));
            List<CSVRecord> edges = readCsv(dir.resolve("neo-" + view + "-edges.csv"));
            List<String> nodeHeader = nodes.get(0).toList();
            List<String> edgeHeader = edges.get(0).toList();
            assertEquals(1, nodeHeader.stream().filter(h -> h.endsWith(":ID")).count(), view + ": one :ID column");
            assertTrue(nodeHeader.contains(":LABEL"), view);
            assertEquals(List.of(":START_ID", ":END_ID", ":TYPE"), edgeHeader.subList(0, 3), view);
            for (String h : union(nodeHeader, edgeHeader)) {
                assertTrue(h.matches("[A-Za-z_]*(:(ID|LABEL|START_ID|END_ID|TYPE|int|double))?"), view + ": a header Neo4j reads: " + h);
            }
            int label = nodeHeader.indexOf(":LABEL");
            Set<String> ids = new HashSet<>();
            for (CSVRecord r : nodes.subList(1, nodes.size())) {
                assertTrue(ids.add(r.get(0)), view + ": unique node id " + r.get(0));
                assertTrue(r.get(label).matches("[A-Z][A-Za-z]*(;[A-Z][A-Za-z]*)*"), view + ": Neo4j labels: " + r.get(label));
                checkTypes(nodeHeader, r, view);
            }
            int role = edgeHeader.indexOf("role");
            for (CSVRecord r : edges.subList(1, edges.size())) {
                assertTrue(ids.contains(r.get(0)), view + ": :START_ID is a node: " + r);
                assertTrue(ids.contains(r.get(1)), view + ": :END_ID is a node: " + r);
                assertTrue(r.get(2).matches("[A-Z][A-Z0-9_]*"), view + ": relationship type " + r.get(2));
                checkTypes(edgeHeader, r, view);
                if (r.get(2).equals("ROLE")) assertTrue(roles.contains(r.get(role)), view + ": a ROLE edge has its role id: " + r);
            }
            if (view.equals("full")) {
                assertTrue(edges.stream().anyMatch(r -> r.get(2).equals("ROLE") && r.get(role).equals("funder")), "full view: funder roles");
            }
        }
    }

    private static void checkTypes(List<String> header, CSVRecord r, String view) {
        for (int i = 0; i < header.size(); i++) {
            if (r.get(i).isEmpty()) continue;
            if (header.get(i).endsWith(":int")) Long.parseLong(r.get(i));
            if (header.get(i).endsWith(":double")) Double.parseDouble(r.get(i));
        }
    }

    // ---- figures

    @Test
    void exportedFiguresEqualNetworkxOnTheSameGraph() throws IOException {
        ExternalTool.requirePythonModule("networkx", "python3-networkx");
        for (String view : List.of("actors", "full", "geography")) {
            JsonObject result = python(FIGURES, export(view + "-figures.graphml", "--view", view).toString());
            assertTrue(result.getBoolean("partition"), view + ": the communities are a partition of the nodes");
            JsonObject ours = result.getJsonObject("ours");
            JsonObject theirs = result.getJsonObject("networkx");
            assertEquals(project(view).nodes().size(), ours.size());
            for (String node : ours.keySet()) {
                JsonObject o = ours.getJsonObject(node);
                JsonObject t = theirs.getJsonObject(node);
                for (String figure : List.of("degree", "weighted_degree", "betweenness", "closeness", "pagerank")) {
                    assertEquals(t.getJsonNumber(figure).doubleValue(), o.getJsonNumber(figure).doubleValue(), 1e-6,
                            view + ": " + figure + " of " + node);
                }
            }
        }
        // the IBCR is the hub of its own history: the highest PageRank among the actors
        JsonObject actors = python(FIGURES, dir.resolve("actors-figures.graphml").toString()).getJsonObject("ours");
        String top = actors.keySet().stream().max((a, b) -> Double.compare(actors.getJsonObject(a).getJsonNumber("pagerank").doubleValue(),
                actors.getJsonObject(b).getJsonNumber("pagerank").doubleValue())).orElseThrow();
        assertEquals("organisation:ibcr", top);
    }

    // ---- time

    @Test
    void everyNodeAndEdgeOfTheGexfHasItsYearsAndThe2010ActorsAreSparqls() throws Exception {
        for (String view : VIEWS) {
            Document doc = parse(export(view + "-time.gexf", "--view", view));
            for (String element : List.of("node", "edge")) {
                NodeList list = doc.getElementsByTagNameNS("*", element);
                assertTrue(list.getLength() > 0);
                for (int i = 0; i < list.getLength(); i++) {
                    Element e = (Element) list.item(i);
                    boolean spells = e.getElementsByTagNameNS("*", "spell").getLength() > 0;
                    boolean startEnd = e.hasAttribute("start") && e.hasAttribute("end");
                    assertTrue(spells ^ startEnd, view + ": " + element + " " + e.getAttribute("id") + " has start and end, or spells");
                }
            }
        }
        // the spells keep the gaps, as the README says
        String spells = RelationshipGraph.Spell.format(project("actors").node(IBCR).orElseThrow().spells());
        assertEquals("1995-2000 2003 2005 2008-2012 2015-2020", spells);
        assertTrue(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8).contains("`" + spells + "`"), "README.md states the IBCR's spells");

        Set<String> sparql = new TreeSet<>();
        try (QueryExecution qe = QueryExecution.create(ACTORS_IN_2010, built.queryDataset())) {
            qe.execSelect().forEachRemaining(row -> sparql.add(row.getResource("agent").getURI()));
        }
        assertTrue(sparql.size() > 3, "several actors in 2010: " + sparql);
        assertFalse(sparql.contains(GAC), "Global Affairs Canada comes in 2015");
        Set<String> gexf = activeIn(parse(dir.resolve("actors-time.gexf")), 2010);
        assertEquals(sparql, gexf, "the actors Gephi's timeline shows in 2010");

        ExternalTool.requirePythonModule("networkx", "python3-networkx");
        Set<String> networkx = new TreeSet<>();
        ExternalTool.Result r = ExternalTool.run(List.of(ExternalTool.PYTHON, "-c", ACTIVE, dir.resolve("actors-time.gexf").toString(), "2010"));
        assertEquals(0, r.code(), r.err());
        try (JsonReader reader = Json.createReader(new StringReader(r.out()))) {
            for (JsonValue v : reader.readArray()) networkx.add(((jakarta.json.JsonString) v).getString());
        }
        assertEquals(sparql, networkx, "NetworkX's snapshot of 2010 from the GEXF's start, end and spells");
    }

    /** The nodes a reader of the GEXF's time sees in a year: by start and end, or by spells. */
    private static Set<String> activeIn(Document doc, int year) {
        Set<String> active = new TreeSet<>();
        NodeList nodes = doc.getElementsByTagNameNS("*", "node");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element n = (Element) nodes.item(i);
            List<int[]> spells = new ArrayList<>();
            if (n.hasAttribute("start")) spells.add(new int[] {Integer.parseInt(n.getAttribute("start")), Integer.parseInt(n.getAttribute("end"))});
            NodeList s = n.getElementsByTagNameNS("*", "spell");
            for (int j = 0; j < s.getLength(); j++) {
                Element e = (Element) s.item(j);
                spells.add(new int[] {Integer.parseInt(e.getAttribute("start")), Integer.parseInt(e.getAttribute("end"))});
            }
            if (spells.stream().anyMatch(y -> y[0] <= year && year <= y[1])) active.add(n.getAttribute("id"));
        }
        return active;
    }

    @Test
    void aRoleWithYearsOfItsOwnGivesItsActorASpellWithinTheMilestone() throws Exception {
        // security force personnel were consulted in 2009-2012 and again in 2015; here only in 2010-2011 of the first
        Path data = Files.createDirectories(dir.resolve("role-years"));
        try (var files = Files.list(Path.of("data"))) {
            for (Path f : files.toList()) Files.copy(f, data.resolve(f.getFileName()));
        }
        Path participations = data.resolve("participations.csv");
        String table = Files.readString(participations, StandardCharsets.UTF_8);
        String row = "africa-security-forces-consultations,security-force-personnel,consulted,,,1,,,";
        assertTrue(table.contains(row + "\n"), "the row this test changes");
        Files.writeString(participations, table.replace(row + "\n", "africa-security-forces-consultations,security-force-personnel,consulted,2010,2011,1,,,\n"),
                StandardCharsets.UTF_8);
        String personnel = ID + "group/security-force-personnel";
        JsonObject before = json(export("personnel-before.json", "--view", "actors"));
        JsonObject after = json(export("personnel-after.json", "--view", "actors", "--data", data.toString()));
        assertEquals("[[2009,2012],[2015,2015]]", node(before, personnel).getJsonArray("spells").toString());
        assertEquals("[[2010,2011],[2015,2015]]", node(after, personnel).getJsonArray("spells").toString());
        JsonObject edge = null;
        for (JsonValue v : after.getJsonObject("elements").getJsonArray("edges")) {
            JsonObject d = v.asJsonObject().getJsonObject("data");
            if (Set.of(d.getString("source"), d.getString("target")).equals(Set.of(IBCR, personnel))) edge = d;
        }
        assertTrue(edge != null && edge.getJsonArray("spells").toString().startsWith("[[2010,2011]"), "the link in the years both took part: " + edge);
        Document full = parse(export("personnel-full.gexf", "--view", "full", "--data", data.toString()));
        NodeList edges = full.getElementsByTagNameNS("*", "edge");
        boolean found = false;
        for (int i = 0; i < edges.getLength(); i++) {
            Element e = (Element) edges.item(i);
            if (e.getAttribute("target").equals(personnel) && e.getAttribute("source").endsWith("/africa-security-forces-consultations")) {
                found = true;
                assertEquals("2010", e.getAttribute("start"));
                assertEquals("2011", e.getAttribute("end"));
            }
        }
        assertTrue(found, "the full view's role edge has the role's years");
    }

    private static JsonObject node(JsonObject json, String iri) {
        for (JsonValue v : json.getJsonObject("elements").getJsonArray("nodes")) {
            JsonObject d = v.asJsonObject().getJsonObject("data");
            if (d.getString("id").equals(iri)) return d;
        }
        throw new AssertionError("no node " + iri);
    }

    @Test
    void byYearWritesOneSnapshotPerYear() throws Exception {
        Path years = Files.createDirectories(dir.resolve("years"));
        CliRun run = CliRun.of("graph", "--by-year", "--output", years.resolve("actors.gexf").toString());
        assertEquals(0, run.code(), run.toString());
        RelationshipGraph actors = project("actors");
        for (int year : actors.years()) assertTrue(Files.exists(years.resolve("actors-" + year + ".gexf")), "a file for " + year);
        assertEquals(actors.years().size(), Files.list(years).count());
        Document in2010 = parse(years.resolve("actors-2010.gexf"));
        Set<String> nodes = new TreeSet<>();
        NodeList list = in2010.getElementsByTagNameNS("*", "node");
        for (int i = 0; i < list.getLength(); i++) nodes.add(((Element) list.item(i)).getAttribute("id"));
        assertEquals(activeIn(parse(export("actors-all.gexf", "--view", "actors")), 2010), nodes, "the 2010 file holds the actors of 2010");

        assertEquals(0, CliRun.of("graph", "--by-year", "--format", "csv", "--output", years.resolve("csv").toString()).code());
        assertTrue(Files.exists(years.resolve("csv-2008-nodes.csv")) && Files.exists(years.resolve("csv-2008-edges.csv")));
        assertEquals(2, CliRun.of("graph", "--by-year").code(), "--by-year needs --output");
    }

    // ---- ego networks

    @Test
    void aroundKeepsTheNetworkAroundOneResource() throws IOException {
        RelationshipGraph actors = project("actors");
        Set<String> neighbours = new TreeSet<>(List.of(SIDA));
        for (var e : actors.edges()) {
            if (e.source().equals(SIDA)) neighbours.add(e.target());
            if (e.target().equals(SIDA)) neighbours.add(e.source());
        }
        JsonObject around = json(export("around-sida.json", "--view", "actors", "--around", SIDA));
        assertEquals(neighbours, nodeIds(around), "Sida and the actors it shares a milestone with");
        for (JsonValue v : around.getJsonObject("elements").getJsonArray("edges")) {
            JsonObject d = v.asJsonObject().getJsonObject("data");
            assertTrue(neighbours.contains(d.getString("source")) && neighbours.contains(d.getString("target")));
        }
        JsonObject two = json(export("around-sida-2.json", "--view", "actors", "--around", SIDA, "--depth", "2"));
        assertTrue(nodeIds(two).containsAll(neighbours) && nodeIds(two).size() > neighbours.size(), "depth 2 reaches further");

        // the default view is the full one: a milestone has its network too
        String milestone = ID + "milestone/sida-save-the-children-agreement";
        JsonObject m = json(export("around-milestone.json", "--around", milestone));
        assertTrue(nodeIds(m).containsAll(List.of(milestone, SIDA, IBCR)), nodeIds(m).toString());
        assertEquals(0, CliRun.of("graph", "--around", milestone, "--depth", "0", "--output", dir.resolve("m0.json").toString()).code());
        assertEquals(Set.of(milestone), nodeIds(json(dir.resolve("m0.json"))));

        assertEquals(2, CliRun.of("graph", "--around", ID + "organisation/nobody").code(), "no such node: a usage error");
        assertEquals(2, CliRun.of("graph", "--around", "not an iri").code());
        assertEquals(2, CliRun.of("graph", "--around", SIDA, "--depth", "-1").code());
        assertEquals(2, CliRun.of("graph", "--gexf-version", "2.0").code());
    }

    // ---- the organisations' projection; coordinates

    @Test
    void organisationsAreLinkedByTheMilestonesAndYearsTheyShared() throws IOException {
        JsonObject orgs = json(export("organisations.json", "--view", "organisations"));
        for (JsonValue v : orgs.getJsonObject("elements").getJsonArray("nodes")) {
            assertEquals("organisation", v.asJsonObject().getJsonObject("data").getString("kind"));
        }
        boolean gac = false;
        for (JsonValue v : orgs.getJsonObject("elements").getJsonArray("edges")) {
            JsonObject d = v.asJsonObject().getJsonObject("data");
            assertEquals(d.getString("milestoneIris").split(" ").length, d.getInt("weight"), "weight: the shared milestones");
            if (Set.of(d.getString("source"), d.getString("target")).equals(Set.of(IBCR, GAC))) {
                gac = true;
                assertTrue(List.of(d.getString("years").split(" ")).contains("2015"), d.toString());
            }
        }
        assertTrue(gac, "the IBCR and Global Affairs Canada share milestones");
    }

    @Test
    void coordinatesComeOnlyFromTheData() throws IOException {
        Map<String, double[]> cities = new HashMap<>();
        for (CSVRecord r : readCsv(Path.of("data/cities.csv")).subList(1, readCsv(Path.of("data/cities.csv")).size())) {
            if (!r.get(6).isEmpty()) cities.put(ID + "city/" + r.get(0), new double[] {Double.parseDouble(r.get(6)), Double.parseDouble(r.get(7))});
        }
        JsonObject full = json(export("full-coordinates.json", "--view", "full"));
        int located = 0;
        for (JsonValue v : full.getJsonObject("elements").getJsonArray("nodes")) {
            JsonObject d = v.asJsonObject().getJsonObject("data");
            if (!d.containsKey("lat")) continue;
            located++;
            double[] at = cities.get(d.getString("id"));
            assertTrue(at != null, "coordinates only where the data has them: " + d);
            assertEquals(at[0], d.getJsonNumber("lat").doubleValue(), 0.0);
            assertEquals(at[1], d.getJsonNumber("lon").doubleValue(), 0.0);
        }
        assertTrue(located > 0, "the cities have their coordinates");
    }

    // ---- helpers

    private static RelationshipGraph project(String view) {
        return GraphProjector.over(built.queryDataset()).project(View.byCode(view).orElseThrow());
    }

    private static Path export(String name, String... args) {
        Path file = dir.resolve(name);
        List<String> all = new ArrayList<>(List.of("graph"));
        all.addAll(List.of(args));
        all.addAll(List.of("--output", file.toString()));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        if (run.code() != 0) fail("graph " + String.join(" ", args) + ": " + run);
        return file;
    }

    private static JsonObject python(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ExternalTool.PYTHON, "-c", script));
        command.addAll(List.of(args));
        ExternalTool.Result r = ExternalTool.run(command);
        if (r.code() != 0) fail("Python failed on " + String.join(" ", args) + ":\n" + r.err());
        try (JsonReader reader = Json.createReader(new StringReader(r.out()))) {
            return reader.readObject();
        }
    }

    private static JsonObject json(Path file) throws IOException {
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(file, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

    private static Set<String> nodeIds(JsonObject json) {
        Set<String> ids = new TreeSet<>();
        for (JsonValue v : json.getJsonObject("elements").getJsonArray("nodes")) ids.add(v.asJsonObject().getJsonObject("data").getString("id"));
        return ids;
    }

    private static Set<String> strings(jakarta.json.JsonArray array) {
        Set<String> set = new TreeSet<>();
        for (JsonValue v : array) set.add(((jakarta.json.JsonString) v).getString());
        return set;
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> u = new ArrayList<>(a);
        u.addAll(b);
        return u;
    }

    /** The value of a DOT attribute {@code name="..."} on a line. */
    private static String attribute(String line, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + name + "=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
        if (!m.find()) fail("no " + name + " in " + line);
        return m.group(1);
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<CSVRecord> readCsv(Path file) throws IOException {
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }
}
