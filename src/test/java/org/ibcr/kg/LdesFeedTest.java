package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.store.TdbStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change feed as a harvester sees it: npm {@code ldes-client} (0.3, its JS API as its users have it, with its own
 * saved state) replicates {@code /feed} from the start; after an authorised update that changes one resource, adds
 * one and removes one, the same client with the same state emits only the three new members; and the members,
 * materialised to the latest version of each resource (the client's {@code materialize}), are the current data graph.
 */
class LdesFeedTest {
    private static final Path MODULES = Path.of("target", "ldes-client", "node_modules");
    private static final Path SCRIPT = Path.of("src", "test", "resources", "ldes", "replicate.mjs");
    private static final String DATA = "https://w3id.org/ibcr/graph/data";
    private static final String CHANGED = "https://w3id.org/ibcr/id/milestone/tribunal-hearing-paris";
    private static final String ADDED = "https://w3id.org/ibcr/id/organisation/feed-test-added";
    private static final String REMOVED = "https://w3id.org/ibcr/id/topic/child-wellbeing";
    private static final String LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
    private static final Node GENERATED = NodeFactory.createURI("http://www.w3.org/ns/prov#generatedAtTime");
    private static final Node DELETE = NodeFactory.createURI("https://www.w3.org/ns/activitystreams#Delete");
    private static final String UPDATE = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            + "DELETE { GRAPH <" + DATA + "> { <" + CHANGED + "> rdfs:label ?old } } INSERT { GRAPH <" + DATA + "> { <" + CHANGED
            + "> rdfs:label \"Tribunal hearing held in Paris\"@en } } WHERE { GRAPH <" + DATA + "> { <" + CHANGED + "> rdfs:label ?old "
            + "FILTER(lang(?old) = 'en') } };\n"
            + "INSERT DATA { GRAPH <" + DATA + "> { <" + ADDED + "> a <https://w3id.org/ibcr/ontology#Organisation> ; "
            + "rdfs:label \"Organisation added for the feed test\"@en } };\n"
            + "DELETE WHERE { GRAPH <" + DATA + "> { <" + REMOVED + "> ?p ?o } }";

    private static TdbStore store;
    private static FusekiServer server;
    private static String base;
    private static Path passwd;
    private static final HttpClient HTTP = BundledStore.client(HttpClient.Redirect.NEVER);

    @TempDir
    Path state;

    @BeforeAll
    static void start() throws Exception {
        ExternalTool.require("node", "nodejs");
        ExternalTool.requireFile(MODULES.resolve("ldes-client/package.json"), "npm ldes-client@0.3");
        store = BundledStore.open();
        passwd = Files.createTempFile("ibcr-passwd", ".txt", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwd, "admin: s3cret\n");
        server = IbcrServer.create().port(0).dataset(store.dataset()).updatesFor(passwd).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.stop();
        if (store != null) store.close();
        if (passwd != null) Files.deleteIfExists(passwd);
    }

    /** A member as the client emitted it. */
    private record Member(String id, String isVersionOf, Instant timestamp, Graph graph) {}

    @Test
    void theClientReplicatesTheFeedThenFetchesOnlyWhatChanged() throws Exception {
        List<Member> first = replicate();
        Graph before = dataGraph();
        Set<Node> subjects = new HashSet<>();
        before.find().forEachRemaining(t -> subjects.add(t.getSubject()));
        assertEquals(subjects.size(), first.size(), "one member for each resource of the data graph");
        assertTrue(first.stream().allMatch(m -> m.isVersionOf() != null && m.timestamp() != null), "every member is dated and names its resource");
        assertTrue(latest(first).isIsomorphicWith(before), "the members, materialised, are the data graph");

        // The dataset description names the stream, as DCAT and VoID readers look for it.
        Graph description = RDFParser.fromString(get("/dataset").body(), Lang.TURTLE).toGraph();
        Node stream = NodeFactory.createURI(base + "/feed");
        assertTrue(description.contains(stream, RDF.type.asNode(), NodeFactory.createURI("https://w3id.org/ldes#EventStream")));
        assertTrue(description.contains(Node.ANY, NodeFactory.createURI("http://www.w3.org/ns/dcat#accessURL"), stream),
                "a DCAT distribution gives the feed's URL");

        // A full page is immutable, the stream itself short-lived.
        HttpResponse<String> page1 = get("/feed?page=1");
        assertEquals(200, page1.statusCode());
        assertTrue(page1.headers().firstValue("Cache-Control").orElse("").contains("immutable"), "a full page is immutable");
        assertFalse(get("/feed").headers().firstValue("Cache-Control").orElse("").contains("immutable"), "the stream changes");

        BundledStore.update(HTTP, base, UPDATE);

        List<Member> second = replicate();
        Map<String, Member> byResource = new HashMap<>();
        second.forEach(m -> byResource.put(m.isVersionOf(), m));
        assertEquals(Set.of(CHANGED, ADDED, REMOVED), byResource.keySet(), "the client fetched only the new members: " + ids(second));
        assertEquals(3, second.size(), ids(second));
        assertTrue(byResource.get(REMOVED).graph().contains(NodeFactory.createURI(REMOVED), RDF.type.asNode(), DELETE),
                "the removed resource is a member marked as:Delete");
        assertTrue(byResource.get(CHANGED).graph().contains(NodeFactory.createURI(CHANGED), NodeFactory.createURI(LABEL),
                NodeFactory.createLiteralLang("Tribunal hearing held in Paris", "en")), "the changed resource has its new label");

        // The same address for people: the newest version first, what it changed by label, in English and French.
        for (String lang : List.of("en", "fr")) {
            HttpResponse<String> html = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/feed?lang=" + lang))
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, html.statusCode());
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(html.body());
            assertEquals(lang.equals("en") ? "Changes to the IBCR knowledge graph" : "Modifications du graphe de connaissances du BIDE",
                    page.select("h1").text());
            assertTrue(page.select("h2").first().text().startsWith("Version 2"), page.select("h2").first().text());
            assertEquals(1, page.select("del").size(), "the removed resource, struck out");
            assertEquals(1, page.select("a[href$=/page/milestone/tribunal-hearing-paris]").size(), "the changed resource, linked");
            if (lang.equals("en")) {
                assertEquals("Tribunal hearing held in Paris", page.select("a[href$=/page/milestone/tribunal-hearing-paris]").text());
            }
        }

        List<Member> all = new ArrayList<>(first);
        all.addAll(second);
        Graph after = dataGraph();
        assertFalse(after.isIsomorphicWith(before));
        assertTrue(latest(all).isIsomorphicWith(after), "both harvests, materialised to the latest versions, are the data graph now");
    }

    private static String ids(List<Member> members) {
        return members.stream().map(Member::id).toList().toString();
    }

    /**
     * The latest version of each resource, without the resources whose latest version is a deletion; the triple the
     * client keeps of the stream's own timestamp path ({@code prov:generatedAtTime} of each member) is left out, as it
     * is the time of the version, not data.
     */
    private static Graph latest(List<Member> members) {
        Map<String, Member> latest = new HashMap<>();
        for (Member m : members) latest.merge(m.isVersionOf(), m, (a, b) -> b.timestamp().isAfter(a.timestamp()) ? b : a);
        Graph g = GraphFactory.createDefaultGraph();
        for (Member m : latest.values()) {
            Node resource = NodeFactory.createURI(m.isVersionOf());
            if (m.graph().contains(resource, RDF.type.asNode(), DELETE)) continue;
            m.graph().find().forEachRemaining(t -> {
                if (!(t.getSubject().equals(resource) && t.getPredicate().equals(GENERATED))) g.add(t);
            });
        }
        return g;
    }

    private static Graph dataGraph() {
        DatasetGraph dsg = store.dataset();
        Node data = NodeFactory.createURI(DATA);
        Graph copy = GraphFactory.createDefaultGraph();
        Txn.executeRead(dsg, () -> dsg.getGraph(data).find().forEachRemaining(copy::add));
        assertFalse(copy.contains(Node.ANY, GENERATED, Node.ANY), "the data has no prov:generatedAtTime the comparison would drop");
        copy.find().forEachRemaining((Triple t) -> assertFalse(t.getSubject().isBlank() || t.getObject().isBlank(), "no blank nodes"));
        return copy;
    }

    /** Runs the stock client on /feed, with the test's saved state, materialising versions. */
    private List<Member> replicate() throws Exception {
        ExternalTool.Result run = ExternalTool.run(List.of("node", SCRIPT.toString(), MODULES.toAbsolutePath().toString(),
                base + "/feed", state.resolve("ldes-state").toString(), "--materialize"));
        assertEquals(0, run.code(), "ldes-client failed:\n" + run.err());
        List<Member> members = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            if (!line.startsWith("{")) continue;
            JsonObject o = JSON.parse(line);
            DatasetGraph quads = DatasetGraphFactory.createGeneral();
            RDFParser.create().source(new StringReader(o.getString("nquads"))).lang(Lang.NQUADS).parse(quads);
            members.add(new Member(o.getString("id"), o.hasKey("isVersionOf") ? o.getString("isVersionOf") : null,
                    o.hasKey("timestamp") ? Instant.parse(o.getString("timestamp")) : null, quads.getDefaultGraph()));
        }
        return members;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/turtle").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
