package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/**
 * The server side of the analysts' ego networks and figures, over real HTTP: {@code /graph/around/{kind}/{slug}.{ext}}
 * gives the same bytes as {@code ibcr-kg graph --around IRI --depth N} for the same resource, depth and view;
 * {@code ?version=1.3} gives GEXF 1.3 and the default is the GEXF 1.2draft that Debian's NetworkX reads as
 * shipped; a resource page links to its network (the network page focused on it, and the files) and an actor's
 * page shows the figures the GraphML export carries, in English and French; bad requests are 400, unknown
 * resources 404.
 */
class EgoNetworkRoutesTest {
    @RegisterExtension
    static final ServedBundle SERVED = ServedBundle.create();

    private static final String ID = "https://w3id.org/ibcr/id/";
    private static final String SIDA = ID + "organisation/sida";
    private static final String MILESTONE = ID + "milestone/sida-save-the-children-agreement";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static HttpClient http;

    @BeforeAll
    static void start() {
        http = BundledStore.client(HttpClient.Redirect.NEVER);
    }

    @Test
    void aroundRouteGivesWhatTheCommandLineWrites() throws Exception {
        record Case(String path, String iri, String view, int depth, String ext) {}
        List<Case> cases = List.of(
                new Case("organisation/sida", SIDA, "actors", 1, "json"),
                new Case("organisation/sida", SIDA, "actors", 2, "graphml"),
                new Case("organisation/sida", SIDA, "full", 1, "gexf"),
                new Case("milestone/sida-save-the-children-agreement", MILESTONE, "full", 0, "json"),
                new Case("milestone/sida-save-the-children-agreement", MILESTONE, "full", 2, "dot"));
        for (Case c : cases) {
            Path file = dir.resolve(c.path().replace('/', '-') + "-" + c.view() + "-" + c.depth() + "." + c.ext());
            CliRun run = CliRun.of("graph", "--view", c.view(), "--around", c.iri(), "--depth", Integer.toString(c.depth()),
                    "--output", file.toString());
            if (run.code() != 0) fail(run.toString());
            String query = (c.view().equals("full") ? "" : "view=" + c.view() + "&") + (c.depth() == 1 ? "" : "depth=" + c.depth() + "&");
            HttpResponse<byte[]> r = get("/graph/around/" + c.path() + "." + c.ext() + (query.isEmpty() ? "" : "?" + query.substring(0, query.length() - 1)));
            assertEquals(200, r.statusCode(), c.toString());
            assertArrayEquals(Files.readAllBytes(file), r.body(), c + ": the same file as graph --around");
        }
        // CSV: the nodes and edges files, as the command line writes them
        CliRun run = CliRun.of("graph", "--around", SIDA, "--format", "csv", "--output", dir.resolve("sida").toString());
        if (run.code() != 0) fail(run.toString());
        assertArrayEquals(Files.readAllBytes(dir.resolve("sida-nodes.csv")), get("/graph/around/organisation/sida-nodes.csv").body());
        assertArrayEquals(Files.readAllBytes(dir.resolve("sida-edges.csv")), get("/graph/around/organisation/sida-edges.csv").body());
        assertArrayEquals(get("/graph/around/organisation/sida-edges.csv").body(), get("/graph/around/organisation/sida.csv").body());
        assertTrue(get("/graph/around/organisation/sida.json?lang=fr").headers().firstValue("Content-Disposition").orElse("")
                .contains("ibcr-around-organisation-sida.json"));
    }

    @Test
    void gexfIs12draftByDefaultAnd13OnRequest() throws Exception {
        for (String path : List.of("/graph/actors.gexf", "/graph/around/organisation/sida.gexf")) {
            org.w3c.dom.Document plain = xml(get(path).body());
            assertEquals("http://www.gexf.net/1.2draft", plain.getDocumentElement().getNamespaceURI(), path);
            assertEquals("1.2", plain.getDocumentElement().getAttribute("version"), path);
            assertArrayEquals(get(path).body(), get(path + "?version=1.2draft").body(), path + ": 1.2draft is the default");
            HttpResponse<byte[]> v13 = get(path + "?version=1.3");
            assertEquals(200, v13.statusCode());
            assertEquals("application/gexf+xml", v13.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            org.w3c.dom.Document doc = xml(v13.body());
            assertEquals("http://gexf.net/1.3", doc.getDocumentElement().getNamespaceURI(), path + "?version=1.3");
            assertEquals("1.3", doc.getDocumentElement().getAttribute("version"));
        }
        // Debian's NetworkX, as shipped, reads the default: every node of the ego network, with its IRI
        ExternalTool.requirePythonModule("networkx", "python3-networkx");
        Path file = dir.resolve("served-sida.gexf");
        Files.write(file, get("/graph/around/organisation/sida.gexf").body());
        ExternalTool.Result r = ExternalTool.run(List.of(ExternalTool.PYTHON, "-c", """
                import sys, networkx as nx
                G = nx.read_gexf(sys.argv[1])
                print(G.number_of_nodes(), G.number_of_edges(), sorted(d.get("iri", "") for n, d in G.nodes(data=True))[0])
                """, file.toString()));
        assertEquals(0, r.code(), r.err());
        String[] counts = r.out().trim().split(" ");
        org.w3c.dom.Document doc = xml(Files.readAllBytes(file));
        assertEquals(doc.getElementsByTagNameNS("*", "node").getLength(), Integer.parseInt(counts[0]), "NetworkX reads every node");
        assertTrue(Integer.parseInt(counts[1]) > 0, "and the edges: " + r.out());
        assertTrue(counts[2].startsWith(ID), r.out());
    }

    @Test
    void badRequestsAreRefused() throws Exception {
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("/graph/actors.gexf?version=2.0", 400);
        cases.put("/graph/actors.json?version=1.3", 400);
        cases.put("/graph/around/organisation/sida.gexf?version=1.1", 400);
        cases.put("/graph/around/organisation/sida.json?depth=4", 400);
        cases.put("/graph/around/organisation/sida.json?depth=-1", 400);
        cases.put("/graph/around/organisation/sida.json?depth=one", 400);
        cases.put("/graph/around/organisation/sida.json?view=everything", 400);
        cases.put("/graph/around/organisation/sida.json?lang=de", 400);
        cases.put("/graph/around/organisation/sida.json?from=2015&to=2005", 400);
        cases.put("/graph/around/organisation/nobody.json", 404);
        cases.put("/graph/around/organisation/sida.xls", 404);
        cases.put("/graph/around/organisation/sida-nodes.json", 404);
        cases.put("/graph/around/sida.json", 404);
        cases.put("/graph/around", 404);
        cases.put("/graph/around/milestone/sida-save-the-children-agreement.json?view=actors", 404); // no node of that view
        for (var c : cases.entrySet()) {
            HttpResponse<byte[]> r = get(c.getKey());
            assertEquals(c.getValue(), r.statusCode(), c.getKey());
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertFalse(body.contains("Exception") || body.contains("\tat "), c.getKey() + ": no stack trace");
        }
        assertTrue(new String(get("/graph/around/organisation/sida.json?depth=9").body(), StandardCharsets.UTF_8).contains("depth=9"),
                "the error names the parameter");
    }

    @Test
    void resourcePagesLinkToTheirNetworkAndShowTheFigures() throws Exception {
        // the figures of the GraphML export of the actors view, for Sida
        org.w3c.dom.Document graphml = xml(get("/graph/actors.graphml").body());
        Map<String, String> keys = new HashMap<>();
        NodeList keyList = graphml.getElementsByTagNameNS("*", "key");
        for (int i = 0; i < keyList.getLength(); i++) {
            var k = (org.w3c.dom.Element) keyList.item(i);
            if (k.getAttribute("for").equals("node")) keys.put(k.getAttribute("id"), k.getAttribute("attr.name"));
        }
        Map<String, String> exported = null;
        NodeList nodes = graphml.getElementsByTagNameNS("*", "node");
        for (int i = 0; i < nodes.getLength() && exported == null; i++) {
            Map<String, String> data = new HashMap<>();
            NodeList values = ((org.w3c.dom.Element) nodes.item(i)).getElementsByTagNameNS("*", "data");
            for (int j = 0; j < values.getLength(); j++) {
                var d = (org.w3c.dom.Element) values.item(j);
                data.put(keys.get(d.getAttribute("key")), d.getTextContent());
            }
            if (SIDA.equals(data.get("iri"))) exported = data;
        }
        assertNotNull(exported, "Sida is in the actors GraphML");

        for (String lang : List.of("en", "fr")) {
            Document page = page("/page/organisation/sida?lang=" + lang);
            Element link = page.selectFirst("a.network-page");
            assertNotNull(link, lang + ": a link to the network around Sida");
            assertEquals(lang.equals("en") ? "Network around this" : "Réseau autour de cette ressource", link.text());
            assertEquals("/graph?around=organisation/sida&lang=" + lang, URI.create(link.attr("href")).getPath() + "?"
                    + URI.create(link.attr("href")).getQuery());
            assertEquals(200, get("/graph?around=organisation/sida&lang=" + lang).statusCode());
            List<String> files = page.select("a.network-file").eachAttr("href");
            assertEquals(6, files.size(), files.toString());
            for (String href : files) {
                assertTrue(href.endsWith("?lang=" + lang), href + ": the files are labelled in the page's language");
                assertEquals(200, get(URI.create(href).getRawPath() + "?" + URI.create(href).getRawQuery()).statusCode(), href);
            }

            Locale locale = Locale.forLanguageTag(lang);
            Element table = page.selectFirst("table.network-figures");
            assertNotNull(table, lang + ": Sida's network figures");
            assertEquals(6, table.select("td[data-figure]").size());
            for (String name : List.of("degree", "weighted_degree", "community")) {
                assertEquals(exported.get(name), figure(table, name), lang + " " + name);
            }
            assertEquals(String.format(locale, "%.4f", Double.parseDouble(exported.get("betweenness"))), figure(table, "betweenness"));
            assertEquals(String.format(locale, "%.4f", Double.parseDouble(exported.get("closeness"))), figure(table, "closeness"));
            assertEquals(String.format(locale, "%.6f", Double.parseDouble(exported.get("pagerank"))), figure(table, "pagerank"));
            assertTrue(Integer.parseInt(exported.get("degree")) > 0, "Sida shares milestones with others");
        }

        // a milestone is a node of the full view: it has its network, but no actors' figures
        Document milestone = page("/page/milestone/sida-save-the-children-agreement");
        assertNotNull(milestone.selectFirst("a.network-page"));
        assertNull(milestone.selectFirst("table.network-figures"));
        // a role is no node of any view: no link
        String role = roleWithPage();
        assertNull(page(role).selectFirst("a.network-page"), role);
    }

    /** The page of a role, found through the page of a milestone (roles are no node of any view). */
    private static String roleWithPage() throws Exception {
        for (Element a : page("/page/milestone/sida-save-the-children-agreement").select("a[href*=/page/role/]")) {
            return URI.create(a.attr("href")).getRawPath();
        }
        throw new AssertionError("no role linked from the milestone's page");
    }

    private static String figure(Element table, String name) {
        Element cell = table.selectFirst("td[data-figure=" + name + "]");
        assertNotNull(cell, name);
        return cell.text();
    }

    private static Document page(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertEquals(200, r.statusCode(), path);
        return Jsoup.parse(new String(r.body(), StandardCharsets.UTF_8), base() + path);
    }

    private static org.w3c.dom.Document xml(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    private static String base() {
        return "http://127.0.0.1:" + SERVED.server().getHttpPort();
    }

    private static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(TIMEOUT).GET().build(), BodyHandlers.ofByteArray());
    }
}
