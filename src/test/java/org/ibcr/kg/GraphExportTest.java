package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Node;
import org.ibcr.kg.graph.GraphFormat;
import org.ibcr.kg.graph.GraphProjector;
import org.ibcr.kg.graph.GraphProjector.View;
import org.ibcr.kg.graph.NetworkFigures;
import org.ibcr.kg.graph.RelationshipGraph;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.TdbStore;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.Pseudograph;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.jgrapht.util.SupplierUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * The relationship graph exports, read back by independent readers: NetworkX (Debian's python3-networkx) reads
 * the GraphML and the GEXF, JGraphT's GraphML importer validates the GraphML against the GraphML schema, JSON-P
 * reads the Cytoscape.js JSON, Commons CSV the Neo4j files. The facts of the history must come through (the 2008
 * agreement with Sida and Save the Children, the 2015 programmes with Global Affairs Canada, the Paniamor
 * Foundation and World Vision in Costa Rica), the filters must filter, the CLI and the server routes must answer
 * as documented, and the same data must give the same bytes.
 */
class GraphExportTest {
    private static final String ID = "https://w3id.org/ibcr/id/";
    private static final String IBCR = ID + "organisation/ibcr";
    private static final String SIDA = ID + "organisation/sida";
    private static final String SAVE = ID + "organisation/save-the-children";
    private static final String GAC = ID + "organisation/global-affairs-canada";
    private static final String PANIAMOR = ID + "organisation/paniamor-foundation";
    private static final String WORLD_VISION = ID + "organisation/world-vision";
    private static final String COSTA_RICA = ID + "country/costa-rica";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * Reads a GraphML or GEXF file with NetworkX and prints it as JSON: direction, graph attributes, nodes (by IRI)
     * and edges with their attributes, and the normalised betweenness of the undirected graph. NetworkX is used as
     * Debian ships it, with no namespace registered and nothing patched: the GEXF must be a version it reads.
     */
    private static final String NETWORKX = """
            import json, sys
            import networkx as nx
            kind, path = sys.argv[1], sys.argv[2]
            if kind == "gexf":
                G = nx.read_gexf(path)
            else:
                G = nx.read_graphml(path)
                # GraphML ids are NMTOKENs (organisation:ibcr); every node carries its IRI
                assert all("iri" in d for n, d in G.nodes(data=True))
                G = nx.relabel_nodes(G, {n: d["iri"] for n, d in G.nodes(data=True)})
            between = {} if G.is_directed() else nx.betweenness_centrality(nx.Graph(G), normalized=True)
            print(json.dumps({
                "directed": G.is_directed(),
                "graph": {k: v for k, v in G.graph.items() if isinstance(v, (str, int, float))},
                "nodes": {n: d for n, d in G.nodes(data=True)},
                "edges": [[u, v, d] for u, v, d in G.edges(data=True)],
                "betweenness": between}, sort_keys=True))
            """;

    @TempDir
    static Path dir;

    private static BuiltGraph built;
    private static TdbStore store;
    private static FusekiServer server;
    private static HttpClient http;

    @BeforeAll
    static void build() {
        built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
        if (store != null) store.close();
    }

    // ---- NetworkX reads the GraphML and the GEXF

    @Test
    void networkxReadsTheGraphmlOfTheActors() throws IOException {
        ExternalTool.requirePythonModule("networkx", "python3-networkx");
        Path file = export("actors-nx.graphml", "--view", "actors", "--format", "graphml");
        JsonObject g = networkx("graphml", file);
        assertFalse(g.getBoolean("directed"), "the actors view is undirected");
        checkActorFacts(g);
        // int attributes come through typed
        JsonObject sida = edge(g, IBCR, SIDA);
        assertEquals(JsonValue.ValueType.NUMBER, sida.get("weight").getValueType());
        assertTrue(((JsonNumber) sida.get("weight")).isIntegral(), "GraphML weight is an int: " + sida);
        JsonObject ibcr = g.getJsonObject("nodes").getJsonObject(IBCR);
        assertEquals("organisation", ibcr.getString("kind"));
        assertEquals(IBCR, ibcr.getString("iri"));
        assertEquals("International Bureau for Children's Rights", ibcr.getString("label"));
    }

    @Test
    void networkxReadsTheDynamicGexfOfTheActors() throws IOException {
        ExternalTool.requirePythonModule("networkx", "python3-networkx");
        Path file = export("actors-nx.gexf", "--view", "actors", "--format", "gexf");
        JsonObject g = networkx("gexf", file);
        assertFalse(g.getBoolean("directed"));
        assertEquals("dynamic", g.getJsonObject("graph").getString("mode"), "NetworkX reads a dynamic graph");
        checkActorFacts(g);
        assertEquals("organisation", g.getJsonObject("nodes").getJsonObject(GAC).getString("kind"));
    }

    @Test
    void networkxReadsTheGeographyAndFullViews() throws IOException {
        ExternalTool.requirePythonModule("networkx", "python3-networkx");
        for (String kind : List.of("graphml", "gexf")) {
            JsonObject geo = networkx(kind, export("geography-nx." + kind, "--view", "geography", "--format", kind));
            assertNotNull(edgeOrNull(geo, PANIAMOR, COSTA_RICA), kind + ": the Paniamor Foundation acts in Costa Rica");
            assertNotNull(edgeOrNull(geo, WORLD_VISION, COSTA_RICA), kind + ": World Vision acts in Costa Rica");
            assertEquals("acts-in", edge(geo, PANIAMOR, COSTA_RICA).getString("type"));
            JsonObject full = networkx(kind, export("full-nx." + kind, "--view", "full", "--format", kind));
            assertTrue(full.getBoolean("directed"), kind + ": the full view is directed");
            int edges = GraphProjector.over(built.queryDataset()).project(View.FULL).edges().size();
            assertEquals(edges, full.getJsonArray("edges").size(), kind + ": every link of the full view, parallel ones too");
        }
    }

    /** What the history says about the actors, as NetworkX read it. */
    private static void checkActorFacts(JsonObject g) {
        for (String funder : List.of(SIDA, SAVE)) {
            JsonObject e = edge(g, IBCR, funder);
            assertTrue(e.getString("milestones").contains("First agreement with Sida and Save the Children"), e.toString());
            assertTrue(e.getString("milestoneIris").contains(ID + "milestone/sida-save-the-children-agreement"), e.toString());
            assertEquals(2008, e.getJsonNumber("start").intValue(), e.toString());
            assertEquals("shared-milestone", e.getString("type"));
        }
        JsonObject gac = edge(g, IBCR, GAC);
        assertTrue(gac.getJsonNumber("weight").doubleValue() >= 2, "several 2015 programmes: " + gac);
        assertTrue(gac.getString("milestoneIris").contains(ID + "milestone/voluntary-cooperation-programme-2015"), gac.toString());
        assertEquals(2015, gac.getJsonNumber("start").intValue());
        JsonObject costaRica = edge(g, PANIAMOR, WORLD_VISION);
        assertTrue(costaRica.getString("milestoneIris").contains(ID + "milestone/costa-rica-child-sex-tourism"), costaRica.toString());
    }

    @Test
    void networkFiguresAgreeWithNetworkxAndTheReadme() throws IOException {
        RelationshipGraph actors = GraphProjector.over(built.queryDataset()).project(View.ACTORS);
        NetworkFigures figures = NetworkFigures.of(actors);
        NetworkFigures.Actor top = figures.topByDegree(1).get(0);
        assertEquals(IBCR, top.iri(), "the IBCR is in every part of its own history");
        assertEquals(actors.edges().stream().filter(e -> e.source().equals(IBCR) || e.target().equals(IBCR)).count(), top.degree());
        assertEquals(IBCR, figures.topByBetweenness(1).get(0).iri());
        assertEquals(5, figures.topByDegree(5).size());
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(figures.markdownTable(5)),
                "README.md's table of the most connected actors is out of date; it is now:\n" + figures.markdownTable(5));

        ExternalTool.requirePythonModule("networkx", "python3-networkx");
        JsonObject between = networkx("graphml", export("actors-figures.graphml", "--view", "actors")).getJsonObject("betweenness");
        for (NetworkFigures.Actor a : figures.all()) {
            assertEquals(between.getJsonNumber(a.iri()).doubleValue(), a.betweenness(), 1e-9, "betweenness of " + a.iri());
        }
    }

    // ---- GraphML against its schema; Cytoscape JSON against the GraphML

    @Test
    void cytoscapeJsonHasTheNodesAndEdgesOfTheGraphml() throws Exception {
        Path graphml = export("actors-cy.graphml", "--view", "actors", "--format", "graphml");
        Path json = export("actors-cy.json", "--view", "actors", "--format", "json");

        Graph<String, DefaultEdge> g = new Pseudograph<>(null, SupplierUtil.DEFAULT_EDGE_SUPPLIER, false);
        GraphMLImporter<String, DefaultEdge> importer = new GraphMLImporter<>();
        importer.setSchemaValidation(true); // against the GraphML schema JGraphT carries
        importer.setVertexFactory(id -> id);
        Map<String, String> iris = new HashMap<>();
        importer.addVertexAttributeConsumer((vertexAndName, value) -> {
            if (vertexAndName.getSecond().equals("iri")) iris.put(vertexAndName.getFirst(), value.getValue());
        });
        try (Reader in = Files.newBufferedReader(graphml, StandardCharsets.UTF_8)) {
            importer.importGraph(g, in);
        }
        assertEquals(g.vertexSet(), iris.keySet(), "every GraphML node has its IRI");
        assertEquals("organisation:ibcr", iris.entrySet().stream().filter(e -> e.getValue().equals(IBCR)).findFirst().orElseThrow().getKey());
        Set<String> pairs = new TreeSet<>();
        for (DefaultEdge e : g.edgeSet()) pairs.add(pair(iris.get(g.getEdgeSource(e)), iris.get(g.getEdgeTarget(e))));
        Map<String, Integer> degrees = new HashMap<>();
        for (String v : g.vertexSet()) degrees.put(iris.get(v), g.degreeOf(v));

        JsonObject elements = readJson(Files.readString(json, StandardCharsets.UTF_8)).getJsonObject("elements");
        Set<String> nodeIds = new TreeSet<>();
        for (JsonValue v : elements.getJsonArray("nodes")) {
            JsonObject data = v.asJsonObject().getJsonObject("data");
            assertEquals(Set.of("id", "value", "name", "label", "label_fr", "kind", "iri", "start", "end", "spells", "degree",
                    "weighted_degree", "betweenness", "closeness", "pagerank", "community"),
                    union(data.keySet(), Set.of("start", "end", "spells", "label_fr")), data.toString());
            nodeIds.add(data.getString("id"));
            assertEquals(degrees.get(data.getString("id")), data.getInt("degree"), "degree of " + data.getString("id"));
        }
        assertEquals(new TreeSet<>(iris.values()), nodeIds);
        Set<String> jsonPairs = new TreeSet<>();
        for (JsonValue v : elements.getJsonArray("edges")) {
            JsonObject data = v.asJsonObject().getJsonObject("data");
            assertEquals(Set.of("id", "source", "target", "type", "label", "role", "weight", "start", "end", "spells", "roles",
                    "milestones", "milestoneIris", "years"), union(data.keySet(), Set.of("start", "end", "spells")), data.toString());
            assertTrue(nodeIds.contains(data.getString("source")) && nodeIds.contains(data.getString("target")), data.toString());
            data.getInt("weight");
            jsonPairs.add(pair(data.getString("source"), data.getString("target")));
        }
        assertEquals(pairs, jsonPairs);
        assertEquals(g.edgeSet().size(), elements.getJsonArray("edges").size());
    }

    // ---- CSV for Neo4j

    @Test
    void csvFilesHaveNeo4jHeadersAndConnectedEdges() throws IOException {
        assertEquals(0, CliRun.of("graph", "--view", "actors", "--format", "csv", "--output", dir.resolve("neo").toString()).code());
        Path nodes = dir.resolve("neo-nodes.csv");
        Path edges = dir.resolve("neo-edges.csv");
        List<CSVRecord> nodeRows = readCsv(nodes);
        List<CSVRecord> edgeRows = readCsv(edges);
        assertEquals(List.of("iri:ID", "label", "label_fr", "kind", "start:int", "end:int", "spells", "lat:double", "lon:double",
                "degree:int", "weighted_degree:int", "betweenness:double", "closeness:double", "pagerank:double", "community:int",
                ":LABEL"), nodeRows.get(0).toList());
        assertEquals(List.of(":START_ID", ":END_ID", ":TYPE", "label", "role", "weight:int", "start:int", "end:int", "spells",
                "milestoneIris", "milestones", "roles", "years"), edgeRows.get(0).toList());
        Set<String> ids = new HashSet<>();
        for (CSVRecord r : nodeRows.subList(1, nodeRows.size())) {
            assertTrue(ids.add(r.get(0)), "node ids are unique: " + r.get(0));
            assertEquals(r.get(3).substring(0, 1).toUpperCase() + r.get(3).substring(1) + ";Actor", r.get(15));
        }
        assertTrue(ids.contains(IBCR) && ids.contains(SIDA));
        boolean sida = false;
        for (CSVRecord r : edgeRows.subList(1, edgeRows.size())) {
            assertTrue(ids.contains(r.get(0)) && ids.contains(r.get(1)), "both ends of an edge are nodes: " + r);
            assertEquals("SHARED_MILESTONE", r.get(2));
            Integer.parseInt(r.get(5));
            if (!r.get(6).isEmpty()) Integer.parseInt(r.get(6));
            if (!r.get(7).isEmpty()) Integer.parseInt(r.get(7));
            if (pair(r.get(0), r.get(1)).equals(pair(IBCR, SIDA))) {
                sida = true;
                assertEquals("2008", r.get(6));
                assertTrue(r.get(10).contains("First agreement with Sida and Save the Children"), r.toString());
                assertTrue(r.get(11).contains("funder"), r.toString());
                assertTrue(List.of(r.get(4).split(" ")).contains("funder"), "the role ids: " + r);
            }
        }
        assertTrue(sida, "the IBCR and Sida are linked");

        // x.csv gives x-nodes.csv and x-edges.csv; the format comes from the extension
        assertEquals(0, CliRun.of("graph", "--view", "full", "--output", dir.resolve("x.csv").toString()).code());
        assertTrue(Files.isRegularFile(dir.resolve("x-nodes.csv")) && Files.isRegularFile(dir.resolve("x-edges.csv")));
        assertFalse(Files.exists(dir.resolve("x.csv")));
        List<CSVRecord> fullEdges = readCsv(dir.resolve("x-edges.csv"));
        assertTrue(fullEdges.stream().skip(1).allMatch(r -> r.get(2).matches("[A-Z][A-Z0-9_]*")), "Neo4j relationship types");
    }

    // ---- filters

    @Test
    void yearFiltersKeepOnlyTheirPeriod() throws IOException {
        JsonObject all = cytoscape("--view", "actors");
        assertTrue(nodeIds(all).contains(GAC));
        assertTrue(pairs(all).contains(pair(IBCR, SIDA)));

        JsonObject until2005 = cytoscape("--view", "actors", "--to", "2005");
        assertFalse(nodeIds(until2005).contains(GAC), "Global Affairs Canada comes in 2015");
        assertTrue(pairs(until2005).stream().noneMatch(p -> p.contains(GAC)));
        assertFalse(pairs(until2005).isEmpty());
        for (JsonObject e : edges(until2005)) assertTrue(!e.containsKey("start") || e.getInt("start") <= 2005, e.toString());

        JsonObject since2015 = cytoscape("--view", "actors", "--from", "2015");
        assertTrue(pairs(since2015).stream().noneMatch(p -> p.contains(SIDA)), "the agreement with Sida is of 2008");
        assertTrue(pairs(since2015).contains(pair(IBCR, GAC)));

        JsonObject geography = cytoscape("--view", "geography", "--to", "2005");
        assertTrue(pairs(geography).stream().noneMatch(p -> p.contains(GAC)));
    }

    @Test
    void roleFilterKeepsOnlyThatRole() throws IOException {
        JsonObject funders = cytoscape("--view", "actors", "--role", "funder");
        assertFalse(edges(funders).isEmpty());
        for (JsonObject e : edges(funders)) {
            for (String pair : e.getString("roles").split(" \\| ")) assertEquals("funder / funder", pair, e.toString());
        }
        assertTrue(pairs(funders).contains(pair(SIDA, SAVE)), "Sida and Save the Children both fund the 2008 agreement");
        assertFalse(nodeIds(funders).contains(IBCR), "the IBCR is never its own funder");

        JsonObject full = cytoscape("--view", "full", "--role", "funder");
        for (JsonObject e : edges(full)) {
            if (e.getString("type").equals("role")) assertEquals("funder", e.getString("label"), e.toString());
        }
        assertEquals(2, CliRun.of("graph", "--role", "nobody").code(), "an unknown role is a usage error");
    }

    // ---- GEXF structure

    @Test
    void gexfIsDynamicGexf12draftOr13OnRequest() throws Exception {
        for (String view : List.of("actors", "full", "actors-1.3")) {
            boolean v13 = view.endsWith("-1.3");
            String ns = v13 ? "http://gexf.net/1.3" : "http://www.gexf.net/1.2draft";
            Path file = v13 ? export(view + "-structure.gexf", "--view", "actors", "--gexf-version", "1.3")
                    : export(view + "-structure.gexf", "--view", view);
            view = view.replace("-1.3", "");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().parse(file.toFile());
            Element root = doc.getDocumentElement();
            assertEquals(ns, root.getNamespaceURI());
            assertEquals("gexf", root.getLocalName());
            assertEquals(v13 ? "1.3" : "1.2", root.getAttribute("version"));
            assertEquals(0, doc.getElementsByTagNameNS("*", "position").getLength(), "viz positions are left to the reader");
            Element graph = (Element) root.getElementsByTagNameNS(ns, "graph").item(0);
            assertEquals("dynamic", graph.getAttribute("mode"));
            assertEquals("integer", graph.getAttribute("timeformat"));
            assertEquals(view.equals("full") ? "directed" : "undirected", graph.getAttribute("defaultedgetype"));
            Set<String> declared = new HashSet<>();
            NodeList attributes = doc.getElementsByTagNameNS(ns, "attribute");
            for (int i = 0; i < attributes.getLength(); i++) declared.add(((Element) attributes.item(i)).getAttribute("id"));
            NodeList values = doc.getElementsByTagNameNS(ns, "attvalue");
            for (int i = 0; i < values.getLength(); i++) assertTrue(declared.contains(((Element) values.item(i)).getAttribute("for")));
            Set<String> ids = new HashSet<>();
            NodeList nodes = doc.getElementsByTagNameNS(ns, "node");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element n = (Element) nodes.item(i);
                ids.add(n.getAttribute("id"));
                years(n);
            }
            NodeList edges = doc.getElementsByTagNameNS(ns, "edge");
            int dated = 0;
            for (int i = 0; i < edges.getLength(); i++) {
                Element e = (Element) edges.item(i);
                assertTrue(ids.contains(e.getAttribute("source")) && ids.contains(e.getAttribute("target")));
                Double.parseDouble(e.getAttribute("weight"));
                if (years(e)) dated++;
            }
            assertTrue(dated > 0, "edges carry the years of the history");
        }
    }

    /** Whether an element has a start year; its start and end are integers, start not after end. */
    private static boolean years(Element e) {
        Integer start = e.hasAttribute("start") ? Integer.valueOf(e.getAttribute("start")) : null;
        Integer end = e.hasAttribute("end") ? Integer.valueOf(e.getAttribute("end")) : null;
        if (start != null && end != null) assertTrue(start <= end, e.getAttribute("id"));
        return start != null;
    }

    // ---- the server

    @Test
    void serverRoutesAnswerTheGraphFiles() throws Exception {
        startServer();
        HttpResponse<String> json = get("/graph/actors.json");
        assertEquals(200, json.statusCode(), json.body());
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        String etag = json.headers().firstValue("ETag").orElseThrow();
        JsonObject elements = readJson(json.body());
        assertEquals(nodeIds(cytoscape("--view", "actors")), nodeIds(elements), "the server serves what the command writes");
        assertEquals(pairs(cytoscape("--view", "actors")), pairs(elements));

        HttpResponse<String> again = http.send(request("/graph/actors.json").header("If-None-Match", etag).build(), BodyHandlers.ofString());
        assertEquals(304, again.statusCode());

        HttpResponse<String> graphml = get("/graph/actors.graphml?to=2005");
        assertEquals(200, graphml.statusCode(), graphml.body());
        assertEquals("application/graphml+xml", graphml.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(graphml.body().contains("<graphml"));
        assertTrue(graphml.body().contains(IBCR));
        assertFalse(graphml.body().contains(GAC), "Global Affairs Canada comes in 2015");
        assertTrue(graphml.headers().firstValue("ETag").isPresent());

        HttpResponse<String> gexf = get("/graph/geography.gexf?lang=fr&from=2008&role=partner");
        assertEquals(200, gexf.statusCode(), gexf.body());
        assertEquals("application/gexf+xml", gexf.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(gexf.body().contains("Fondation Paniamor"), "labels in French");

        HttpResponse<String> dot = get("/graph/full.dot");
        assertEquals(200, dot.statusCode());
        assertEquals("text/vnd.graphviz", dot.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(dot.body().startsWith("digraph"));

        HttpResponse<String> nodes = get("/graph/actors-nodes.csv");
        HttpResponse<String> edges = get("/graph/actors-edges.csv");
        HttpResponse<String> csv = get("/graph/actors.csv");
        assertEquals(200, nodes.statusCode());
        assertEquals("text/csv", nodes.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(nodes.body().startsWith(String.join(",", org.ibcr.kg.graph.CsvGraphWriter.NODE_HEADER) + "\n"));
        assertTrue(edges.body().startsWith(String.join(",", org.ibcr.kg.graph.CsvGraphWriter.EDGE_HEADER) + ","));
        assertEquals(edges.body(), csv.body(), "/graph/{view}.csv is the edges file");

        assertEquals(404, get("/graph/nope.json").statusCode());
        assertEquals(404, get("/graph/actors.xls").statusCode());
        assertEquals(404, get("/graph/actors-nodes.json").statusCode());
        assertEquals(400, get("/graph/actors.json?from=abc").statusCode());
        assertEquals(400, get("/graph/actors.json?to=20x5").statusCode());
        assertEquals(400, get("/graph/actors.json?from=2015&to=2005").statusCode());
        assertEquals(400, get("/graph/actors.json?lang=de").statusCode());
        assertEquals(400, get("/graph/actors.json?role=nobody").statusCode());
        assertEquals(400, get("/graph/actors.json?role=%3Cscript%3E").statusCode());
    }

    private static synchronized void startServer() {
        if (server != null) return;
        store = TdbStore.inMemory();
        store.replaceGraphs(built.dataset(), (fmt, args) -> {});
        server = IbcrServer.create().port(0).dataset(store.dataset()).build().start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getHttpPort() + path)).timeout(TIMEOUT).GET();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // ---- the command line

    @Test
    void commandLineWritesAndRefuses() throws IOException {
        Path file = dir.resolve("cli.graphml");
        CliRun run = CliRun.of("graph", "--view", "actors", "--format", "graphml", "--output", file.toString());
        assertEquals(0, run.code(), run.toString());
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("<graphml"));
        assertTrue(run.err().contains("actors"), run.toString());

        CliRun stdout = CliRun.of("graph", "--view", "geography", "--format", "dot");
        assertEquals(0, stdout.code(), stdout.toString());
        assertTrue(stdout.out().startsWith("graph "), stdout.out());

        assertEquals(2, CliRun.of("graph", "--view", "nope").code());
        assertEquals(2, CliRun.of("graph", "--format", "xlsx").code());
        assertEquals(2, CliRun.of("graph", "--output", dir.resolve("x.unknown").toString()).code());
        assertEquals(2, CliRun.of("graph", "--from", "abc").code());
        assertEquals(2, CliRun.of("graph", "--from", "2015", "--to", "2005").code());
        assertEquals(2, CliRun.of("graph", "--lang", "de").code());
        assertEquals(2, CliRun.of("graph", "--role", "Funder!").code());
        assertEquals(2, CliRun.of("graph", "--format", "csv").code(), "CSV is two files: it needs --output");
        assertEquals(2, CliRun.of("graph", "--endpoint", "not a url").code());
        assertFalse(Files.exists(dir.resolve("x.unknown")));

        CliRun help = CliRun.of("graph", "--help");
        assertEquals(0, help.code());
        for (String word : List.of("--view", "--format", "--output", "--from", "--to", "--role", "--lang", "--endpoint", "--data",
                "--base", "Examples", "gexf", "Neo4j")) {
            assertTrue(help.out().contains(word), "help mentions " + word + ":\n" + help.out());
        }
        assertTrue(CliRun.of("--help").out().contains("graph"));
    }

    @Test
    void commandLineReadsASparqlEndpoint() throws Exception {
        startServer();
        String endpoint = "http://127.0.0.1:" + server.getHttpPort() + IbcrServer.DATASET + "/sparql";
        Path remote = dir.resolve("remote.json");
        CliRun run = CliRun.of("graph", "--view", "actors", "--endpoint", endpoint, "--output", remote.toString());
        assertEquals(0, run.code(), run.toString());
        assertArrayEquals(Files.readAllBytes(export("local.json", "--view", "actors")), Files.readAllBytes(remote),
                "the endpoint gives the same graph as the tables");
    }

    @Test
    void sameDataGivesSameBytes() throws IOException {
        for (String view : List.of("actors", "full", "geography")) {
            for (GraphFormat format : GraphFormat.values()) {
                if (format == GraphFormat.CSV) {
                    for (String run : List.of("a", "b")) {
                        assertEquals(0, CliRun.of("graph", "--view", view, "--format", "csv", "--output",
                                dir.resolve("same-" + view + "-" + run).toString()).code());
                    }
                    for (String part : List.of("-nodes.csv", "-edges.csv")) {
                        assertArrayEquals(Files.readAllBytes(dir.resolve("same-" + view + "-a" + part)),
                                Files.readAllBytes(dir.resolve("same-" + view + "-b" + part)), view + part);
                    }
                    continue;
                }
                byte[] first = Files.readAllBytes(export("same1-" + view + "." + format.extension(), "--view", view));
                byte[] second = Files.readAllBytes(export("same2-" + view + "." + format.extension(), "--view", view));
                assertArrayEquals(first, second, view + " " + format);
            }
        }
    }

    // ---- helpers

    /** Runs {@code ibcr-kg graph} with the arguments and an output file in the temporary folder. */
    private static Path export(String name, String... args) {
        Path file = dir.resolve(name);
        List<String> all = new ArrayList<>(List.of("graph"));
        all.addAll(List.of(args));
        all.addAll(List.of("--output", file.toString()));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        if (run.code() != 0) fail("graph " + String.join(" ", args) + ": " + run);
        return file;
    }

    private static JsonObject cytoscape(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--format", "json"));
        Path file = export("cy-" + String.join("_", args).replaceAll("[^A-Za-z0-9_]", "") + ".json", all.toArray(String[]::new));
        return readJson(Files.readString(file, StandardCharsets.UTF_8)).getJsonObject("elements");
    }

    private static JsonObject readJson(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static Set<String> nodeIds(JsonObject elements) {
        Set<String> ids = new TreeSet<>();
        if (elements.containsKey("elements")) elements = elements.getJsonObject("elements");
        for (JsonValue v : elements.getJsonArray("nodes")) ids.add(v.asJsonObject().getJsonObject("data").getString("id"));
        return ids;
    }

    private static List<JsonObject> edges(JsonObject elements) {
        if (elements.containsKey("elements")) elements = elements.getJsonObject("elements");
        List<JsonObject> list = new ArrayList<>();
        for (JsonValue v : elements.getJsonArray("edges")) list.add(v.asJsonObject().getJsonObject("data"));
        return list;
    }

    private static Set<String> pairs(JsonObject elements) {
        Set<String> pairs = new TreeSet<>();
        for (JsonObject e : edges(elements)) pairs.add(pair(e.getString("source"), e.getString("target")));
        return pairs;
    }

    /** An undirected pair, the same whichever end comes first. */
    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static JsonObject networkx(String kind, Path file) throws IOException {
        ExternalTool.Result r = ExternalTool.run(List.of(ExternalTool.PYTHON, "-c", NETWORKX, kind, file.toString()));
        if (r.code() != 0) fail("NetworkX could not read " + file.getFileName() + ":\n" + r.err());
        return readJson(r.out());
    }

    private static JsonObject edge(JsonObject g, String a, String b) {
        JsonObject e = edgeOrNull(g, a, b);
        if (e == null) fail("no edge between " + a + " and " + b);
        return e;
    }

    private static JsonObject edgeOrNull(JsonObject g, String a, String b) {
        for (JsonValue v : g.getJsonArray("edges")) {
            JsonArray e = v.asJsonArray();
            if (pair(e.getString(0), e.getString(1)).equals(pair(a, b))) return e.getJsonObject(2);
        }
        return null;
    }

    private static List<CSVRecord> readCsv(Path file) throws IOException {
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }
}
