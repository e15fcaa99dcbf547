package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.TdbStore;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dated dumps and DCAT 3 versions: after an update, the dumps of version 1 are the data as it was loaded, those of
 * version 2 hold the change, the dataset description states the version, the previous one and every kept version
 * with its dumps, and a retention of one version serves only the newest.
 */
class VersionedDumpsTest {
    private static final String DATA = "https://w3id.org/ibcr/graph/data";
    private static final String IRI = "https://w3id.org/ibcr/id/milestone/tribunal-hearing-paris";
    private static final String OLD_LABEL = "Tribunal hearing in Paris";
    private static final String NEW_LABEL = "Tribunal hearing held in Paris";
    private static final String RENAME = "DELETE { GRAPH <" + DATA + "> { <" + IRI + "> ?p ?old } }\n"
            + "INSERT { GRAPH <" + DATA + "> { <" + IRI + "> ?p \"" + NEW_LABEL + "\"@en } }\n"
            + "WHERE { GRAPH <" + DATA + "> { <" + IRI + "> ?p ?old FILTER(?old = \"" + OLD_LABEL + "\"@en) } }";
    private static final String DCAT = "http://www.w3.org/ns/dcat#";
    private static final String DATASET = "https://w3id.org/ibcr/dataset";
    private static final HttpClient HTTP = BundledStore.client(HttpClient.Redirect.NEVER);

    private TdbStore store;
    private FusekiServer server;
    private String base;
    private Path passwd;

    private void start(int kept) throws Exception {
        store = BundledStore.open();
        passwd = Files.createTempFile("ibcr-passwd", ".txt", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwd, "admin: s3cret\n");
        server = IbcrServer.create().port(0).dataset(store.dataset()).updatesFor(passwd).keptVersions(kept).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
        BundledStore.update(HTTP, base, RENAME);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.stop();
        if (store != null) store.close();
        if (passwd != null) Files.deleteIfExists(passwd);
    }

    @Test
    void eachKeptVersionHasItsDumpsAndItsDcatDescription() throws Exception {
        start(10);
        // Version 1's TriG dump is the data as loaded, graph for graph; version 2's has the new label.
        DatasetGraph first = DatasetGraphFactory.createGeneral();
        RDFParser.source(new ByteArrayInputStream(get("/dumps/1/ibcr.trig").body())).lang(Lang.TRIG).parse(first);
        DatasetGraph built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build().dataset();
        built.listGraphNodes().forEachRemaining(name -> assertTrue(first.getGraph(name).isIsomorphicWith(built.getGraph(name)),
                "version 1's dump of " + name + " is the data as loaded"));
        String v1 = gunzip(get("/dumps/1/ibcr.nt.gz").body());
        assertTrue(v1.contains(OLD_LABEL) && !v1.contains(NEW_LABEL), "version 1 has the old label");
        HttpResponse<byte[]> v2 = get("/dumps/2/ibcr.ttl");
        assertEquals(200, v2.statusCode());
        String v2Text = new String(v2.body(), StandardCharsets.UTF_8);
        assertTrue(v2Text.contains(NEW_LABEL) && !v2Text.contains(OLD_LABEL), "version 2 has the new label");
        assertTrue(v2.headers().firstValue("Cache-Control").orElse("").contains("immutable"), "a version's dump never changes");
        assertEquals(404, get("/dumps/3/ibcr.ttl").statusCode(), "no version 3");
        assertEquals(404, get("/dumps/2/ibcr.rdf").statusCode(), "a version has the dumps it lists");

        HttpResponse<byte[]> nt = get("/dumps/ibcr.nt");
        assertEquals(200, nt.statusCode(), "the uncompressed N-Triples dump");
        assertTrue(RDFParser.source(new ByteArrayInputStream(nt.body())).lang(Lang.NTRIPLES).toGraph().size() > 1000);

        Graph description = RDFParser.source(new ByteArrayInputStream(get("/dataset.ttl").body())).lang(Lang.TURTLE).toGraph();
        Node dataset = NodeFactory.createURI(DATASET);
        Node version1 = NodeFactory.createURI(DATASET + "#version-1");
        Node version2 = NodeFactory.createURI(DATASET + "#version-2");
        assertEquals(List.of(NodeFactory.createLiteralString("2")), description.find(dataset, dcat("version"), Node.ANY)
                .mapWith(org.apache.jena.graph.Triple::getObject).toList(), "one dcat:version: the data's version number");
        assertEquals(List.of(NodeFactory.createLiteralString("0.1.0")), description.find(dataset,
                org.apache.jena.vocabulary.OWL.versionInfo.asNode(), Node.ANY).mapWith(org.apache.jena.graph.Triple::getObject).toList(),
                "the release of the tables, apart");
        assertTrue(description.contains(dataset, dcat("hasCurrentVersion"), version2));
        assertTrue(description.contains(dataset, dcat("previousVersion"), version1));
        assertTrue(description.contains(dataset, dcat("hasVersion"), version1) && description.contains(dataset, dcat("hasVersion"), version2));
        assertTrue(description.contains(version2, dcat("previousVersion"), version1));
        Node dump = NodeFactory.createURI(base + "/dumps/1/ibcr.nt.gz");
        assertTrue(description.contains(Node.ANY, dcat("downloadURL"), dump), "version 1's dumps are distributions");

        for (String lang : new String[] {"en", "fr"}) {
            Document page = Jsoup.parse(new String(get("/dumps/?lang=" + lang).body(), StandardCharsets.UTF_8));
            assertEquals(lang.equals("en") ? "Versions of the data" : "Versions des données", page.select("h2").text());
            assertEquals(2, page.select("a[href$=/ibcr.trig]").stream().filter(a -> a.attr("href").matches(".*/dumps/\\d+/ibcr.trig")).count(),
                    "the dumps page links each kept version's dumps");
        }
    }

    @Test
    void aRetentionOfOneServesTheNewestVersionOnly() throws Exception {
        start(1);
        assertEquals(404, get("/dumps/1/ibcr.ttl").statusCode(), "version 1 is no longer kept");
        assertEquals(200, get("/dumps/2/ibcr.ttl").statusCode());
        Graph description = RDFParser.source(new ByteArrayInputStream(get("/dataset.ttl").body())).lang(Lang.TURTLE).toGraph();
        assertFalse(description.contains(NodeFactory.createURI(DATASET), dcat("hasVersion"), NodeFactory.createURI(DATASET + "#version-1")));
        assertTrue(description.contains(NodeFactory.createURI(DATASET), dcat("previousVersion"), NodeFactory.createURI(DATASET + "#version-1")),
                "the previous version is still named");
    }

    private static Node dcat(String local) {
        return NodeFactory.createURI(DCAT + local);
    }

    private static String gunzip(byte[] bytes) throws Exception {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
