package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.store.TdbStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed result cut by the time limit (issue 15, class 3): rows have gone out under 200 when the limit strikes,
 * so the status can no longer say so; the server then aborts the response instead of ending it. Every client sees an
 * incomplete body (Java's HttpClient an IOException, Python's http.client IncompleteRead), and the bytes that did arrive
 * are rejected by Jena's result parsers, Python's json and rdflib: a cut result never passes for a whole one.
 */
class CutStreamTest {
    private static final String EX = "http://example.org/";
    private static final String ENDLESS = "SELECT ?a ?l ?b { GRAPH <urn:x-ibcr-test:synthetic> { ?a <" + EX + "label> ?l . ?b <" + EX + "label> ?m } }";

    @TempDir
    static Path work;
    private static TdbStore store;
    private static FusekiServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        store = BundledStore.open();
        var dsg = store.dataset();
        Node g = NodeFactory.createURI("urn:x-ibcr-test:synthetic");
        Node label = NodeFactory.createURI(EX + "label");
        Txn.executeWrite(dsg, () -> {
            for (int i = 0; i < 20_000; i++) {
                dsg.add(new Quad(g, NodeFactory.createURI(EX + "s" + i), label, NodeFactory.createLiteralString("item number " + i)));
            }
        });
        server = IbcrServer.create().port(0).dataset(dsg).queryTimeout(Duration.ofSeconds(2)).build().start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
        if (store != null) store.close();
    }

    private static URI endless() {
        return URI.create("http://127.0.0.1:" + server.getHttpPort() + IbcrServer.DATASET + "/sparql?query="
                + URLEncoder.encode(ENDLESS, StandardCharsets.UTF_8));
    }

    /** What Java's HttpClient reads before it reports the body incomplete; null if the answer was a 503 instead. */
    private static byte[] readCut(String accept) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(endless()).header("Accept", accept).build(), BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            // the limit struck before any row left the server's buffer: then the status says it
            String body = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(503, r.statusCode(), accept + ": " + body);
            return null;
        }
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        IOException cut = assertThrows(IOException.class, () -> {
            try (InputStream in = r.body()) {
                byte[] buffer = new byte[65536];
                for (int n; (n = in.read(buffer)) >= 0;) got.write(buffer, 0, n);
            }
        }, () -> accept + ": the body ended as if complete, " + got.size() + " bytes ending with: "
                + new String(got.toByteArray(), Math.max(0, got.size() - 300), Math.min(300, got.size()), StandardCharsets.UTF_8));
        assertTrue(got.size() > 0, accept + ": no rows arrived before the cut (" + cut + ")");
        return got.toByteArray();
    }

    @Test
    void jenaRejectsACutJsonOrXmlResult() throws Exception {
        int cut = 0;
        for (var lang : List.of(ResultSetLang.RS_JSON, ResultSetLang.RS_XML)) {
            byte[] partial = readCut(lang.getHeaderString());
            if (partial == null) continue;
            cut++;
            assertThrows(RuntimeException.class, () -> {
                ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(partial), lang);
                while (rs.hasNext()) rs.next();
            }, lang.getName() + ": Jena parsed a cut result as whole");
        }
        if (readCut("text/csv") != null) cut++;
        // 2 s of rows fill the server's 5 MB buffer many times over: at least one answer must have been cut mid-stream
        assertTrue(cut > 0, "no result was cut after its first rows");
    }

    @Test
    void pythonReportsTheCutAndRejectsWhatArrived() throws Exception {
        ExternalTool.requirePythonModule("rdflib", "python3-rdflib");
        Path script = work.resolve("cut.py");
        Files.writeString(script, String.join("\n",
                "import sys, io, json, http.client, urllib.parse",
                "from rdflib.query import Result",
                "url, accept, fmt = sys.argv[1], sys.argv[2], sys.argv[3]",
                "u = urllib.parse.urlsplit(url)",
                "# a persistent HTTP/1.1 connection, as requests and urllib3 keep them (urllib's Connection: close ends a body by EOF)",
                "conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)",
                "conn.request('GET', u.path + '?' + u.query, headers={'Accept': accept})",
                "try:",
                "    resp = conn.getresponse()",
                "    print('STATUS', resp.status)",
                "    body = resp.read()",
                "    print('COMPLETE')",
                "except http.client.IncompleteRead as e:",
                "    body = e.partial",
                "    print('INCOMPLETE', len(body))",
                "if fmt == 'json':",
                "    try:",
                "        json.loads(body)",
                "        print('JSON-PARSED')",
                "    except ValueError:",
                "        print('JSON-REJECTED')",
                "try:",
                "    Result.parse(io.BytesIO(body), format=fmt)",
                "    print('RDFLIB-PARSED')",
                "except Exception:",
                "    print('RDFLIB-REJECTED')",
                ""));
        for (String[] f : List.of(new String[] {"application/sparql-results+json", "json"}, new String[] {"application/sparql-results+xml", "xml"})) {
            ExternalTool.Result r = ExternalTool.run(List.of(ExternalTool.PYTHON, script.toString(), endless().toString(), f[0], f[1]));
            if (r.out().contains("STATUS 503")) continue; // the limit struck before any row left the buffer: nothing cut
            assertTrue(r.out().contains("INCOMPLETE"), f[1] + ": http.client read the cut body as complete: " + r);
            assertTrue(r.out().contains("RDFLIB-REJECTED"), f[1] + ": rdflib parsed a cut result: " + r);
            if (f[1].equals("json")) assertTrue(r.out().contains("JSON-REJECTED"), "json parsed a cut result: " + r);
        }
    }
}
