package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A harvester follows the IRI of a feed member and gets the resource as of that version: the memento of its data
 * document, which for a node inside a document ({@code ...#time}) is the memento of that document, holding it; a
 * resource with no data document here gets a document of its own, the member as the feed states it.
 */
class FeedMembersTest {
    // Version 2: a resource that has no data document on this server.
    @RegisterExtension
    static final ServedBundle SERVED = ServedBundle.create(store -> Txn.executeWrite(store.dataset(),
            () -> store.dataset().add(FeedMembersTest.DATA, FeedMembersTest.ELSEWHERE, FeedMembersTest.LABEL,
                    NodeFactory.createLiteralLang("Elsewhere", "en"))));

    private static final Node DATA = NodeFactory.createURI("https://w3id.org/ibcr/graph/data");
    private static final Node ELSEWHERE = NodeFactory.createURI("http://example.org/elsewhere");
    private static final Node LABEL = NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#label");
    private static final Node GENERATED = NodeFactory.createURI("http://www.w3.org/ns/prov#generatedAtTime");
    private static final Node MEMBER = NodeFactory.createURI("https://w3id.org/tree#member");
    private static final HttpClient HTTP = BundledStore.client(HttpClient.Redirect.NEVER);

    @Test
    void everyMemberIriLeadsToTheResourceAsOfItsVersion() throws Exception {
        Graph feed = GraphFactory.createDefaultGraph();
        for (int page = 1; ; page++) {
            HttpResponse<String> r = get("/feed?page=" + page);
            if (r.statusCode() == 404) break;
            assertEquals(200, r.statusCode(), r.body());
            RDFParser.fromString(r.body(), Lang.TURTLE).parse(feed);
        }
        Map<String, Node> hashMembers = new TreeMap<>();
        Map<String, Node> plainMembers = new TreeMap<>();
        Node elsewhereMember = null;
        for (Triple t : feed.find(Node.ANY, MEMBER, Node.ANY).toList()) {
            Node member = t.getObject();
            Node resource = feed.find(member, DCTerms.isVersionOf.asNode(), Node.ANY).next().getObject();
            assertFalse(member.getURI().contains("%23"), "no member IRI hides a fragment in its query: " + member);
            if (resource.equals(ELSEWHERE)) elsewhereMember = member;
            else if (resource.getURI().contains("#")) hashMembers.put(member.getURI(), resource);
            else plainMembers.put(member.getURI(), resource);
        }
        assertFalse(hashMembers.isEmpty(), "the data has nodes inside documents (#time...)");
        List<Map.Entry<String, Node>> sample = new ArrayList<>(hashMembers.entrySet()).subList(0, Math.min(15, hashMembers.size()));
        sample.addAll(new ArrayList<>(plainMembers.entrySet()).subList(0, Math.min(5, plainMembers.size())));
        for (Map.Entry<String, Node> e : sample) {
            String member = e.getKey();
            Node resource = e.getValue();
            String document = member.contains("#") ? member.substring(0, member.indexOf('#')) : member;
            assertTrue(document.startsWith(SERVED.base() + "/memento/1/data/"), member);
            String uri = resource.getURI();
            assertEquals(uri.contains("#") ? uri.substring(uri.indexOf('#')) : "", member.substring(document.length()),
                    "the member keeps its resource's fragment");
            HttpResponse<String> r = get(document.substring(SERVED.base().length()));
            assertEquals(200, r.statusCode(), member + ": " + r.body());
            Graph doc = RDFParser.fromString(r.body(), Lang.TURTLE).toGraph();
            Node m = NodeFactory.createURI(member);
            long stated = 0;
            for (Triple t : feed.find(m, Node.ANY, Node.ANY).toList()) {
                if (t.getPredicate().equals(DCTerms.isVersionOf.asNode()) || t.getPredicate().equals(GENERATED)) continue;
                stated++;
                assertTrue(doc.contains(resource, t.getPredicate(), t.getObject()),
                        member + " dereferences to a document stating " + t.getPredicate() + " " + t.getObject() + " of " + resource);
            }
            assertTrue(stated > 0, "the feed states the member's triples: " + member);
        }

        // The member of a resource with no data document here: a document of its own, as the feed states it.
        assertTrue(elsewhereMember != null, "version 2 changed " + ELSEWHERE);
        assertTrue(elsewhereMember.getURI().startsWith(SERVED.base() + "/feed?version=2&resource="), elsewhereMember.getURI());
        HttpResponse<String> own = get(elsewhereMember.getURI().substring(SERVED.base().length()));
        assertEquals(200, own.statusCode(), own.body());
        Graph ownDoc = RDFParser.fromString(own.body(), Lang.TURTLE).toGraph();
        assertTrue(ownDoc.contains(elsewhereMember, DCTerms.isVersionOf.asNode(), ELSEWHERE));
        assertTrue(ownDoc.contains(elsewhereMember, LABEL, NodeFactory.createLiteralLang("Elsewhere", "en")));

        // Asked for by version and resource, a resource with a data document is sent to its member IRI.
        Map.Entry<String, Node> hash = hashMembers.entrySet().iterator().next();
        HttpResponse<String> see = get("/feed?version=1&resource=" + URLEncoder.encode(hash.getValue().getURI(), StandardCharsets.UTF_8));
        assertEquals(303, see.statusCode());
        assertEquals(hash.getKey(), see.headers().firstValue("Location").orElse(""));
        assertEquals(404, get("/feed?version=1&resource=" + URLEncoder.encode(ELSEWHERE.getURI(), StandardCharsets.UTF_8)).statusCode(),
                "version 1 did not change it");
        assertEquals(400, get("/feed?version=one&resource=" + URLEncoder.encode(ELSEWHERE.getURI(), StandardCharsets.UTF_8)).statusCode());
        assertEquals(404, get("/feed?version=9&resource=" + URLEncoder.encode(ELSEWHERE.getURI(), StandardCharsets.UTF_8)).statusCode());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SERVED.base() + path)).header("Accept", "text/turtle").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
