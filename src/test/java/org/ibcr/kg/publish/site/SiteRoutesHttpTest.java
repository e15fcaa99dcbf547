package org.ibcr.kg.publish.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.VOID;
import org.apache.jena.sparql.core.DatasetGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.publish.http.WebJars;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.MemoryStore;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every route of the site's one table ({@link SiteRoutes}) over real HTTP: GET and HEAD agree on status and
 * headers; {@code Vary} names every request header the response depends on (proved by changing each and comparing
 * what comes back); a cross-origin reader gets {@code *} and no credentials; an unknown path under each prefix
 * gets the site's 404 page, in English and in French. Then the CORS policy for writes.
 */
class SiteRoutesHttpTest {
    /** A path each route answers with 200 (or 303), by path spec; a new route needs a line here. */
    private static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("/id/*", "/id/city/paris"), Map.entry("/page/*", "/page/city/paris"),
            Map.entry("/data/*", "/data/city/paris.ttl"), Map.entry("/class/*", "/class/Milestone"),
            Map.entry("/graph/*", "/graph/actors.json"), Map.entry("/graph/around/*", "/graph/around/organisation/sida.gexf"),
            Map.entry("/dumps/*", "/dumps/ibcr.ttl"), Map.entry("/memento/*", "/memento/1/data/city/paris.ttl"),
            Map.entry("/timemap/*", "/timemap/data/city/paris.ttl"), Map.entry("/sitemap/*", "/sitemap/1.xml"),
            Map.entry("/webjars/*", WebJars.CYTOSCAPE), Map.entry("", "/"));
    /** The request headers a response may depend on, and a value of each that differs from the first request's. */
    private static final Map<String, String> VARIED = Map.of("Accept", "application/ld+json", "Accept-Language", "fr",
            "Accept-Encoding", "gzip", "Origin", "https://elsewhere.example", "Accept-Datetime", "Tue, 01 Dec 2020 10:00:00 GMT");
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    /** Headers that differ between any two responses. */
    private static final Set<String> PER_RESPONSE = Set.of("date");

    private static DatasetGraph dataset;
    private static FusekiServer server;
    private static String base;
    private static List<String> pathSpecs;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        dataset = MemoryStore.copyOf(GraphBuild.from(CsvHistory.open(Path.of("data"))).build().dataset());
        server = IbcrServer.create().port(0).dataset(dataset).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
        pathSpecs = SiteModule.create(dataset).build().pathSpecs();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
    }

    private static String sample(String spec) {
        if (!spec.endsWith("/*") && !spec.isEmpty()) return spec;
        String path = SAMPLES.get(spec);
        assertNotNull(path, "no sample path for the route " + spec + ": add one to SAMPLES");
        return path;
    }

    @Test
    void everyRouteAnswersHeadAsGet() throws Exception {
        assertTrue(pathSpecs.size() > 20, "the route table: " + pathSpecs);
        for (String spec : pathSpecs) {
            String path = sample(spec);
            for (String accept : List.of("*/*", BROWSER)) {
                HttpResponse<byte[]> get = send(request(path).header("Accept", accept).GET());
                HttpResponse<byte[]> head = send(request(path).header("Accept", accept).method("HEAD", HttpRequest.BodyPublishers.noBody()));
                String what = "GET and HEAD " + path + " (Accept: " + accept + ")";
                assertTrue(get.statusCode() == 200 || get.statusCode() == 303, what + ": " + get.statusCode());
                assertEquals(get.statusCode(), head.statusCode(), what + ": status");
                assertEquals(headers(get), headers(head), what + ": headers");
                assertEquals(0, head.body().length, what + ": HEAD has no body");
            }
        }
    }

    @Test
    void gzipAnswersSayVaryAcceptEncodingAndHeadAgrees() throws Exception {
        List<String> paths = new ArrayList<>();
        for (String spec : pathSpecs) paths.add(sample(spec));
        paths.addAll(List.of("/no-such-page", "/ibcr/sparql?query=" + encode("ASK {}")));
        int compressed = 0;
        for (String path : paths) {
            for (String accept : List.of("*/*", BROWSER)) {
                HttpResponse<byte[]> get = send(request(path).header("Accept", accept).header("Accept-Encoding", "gzip"));
                HttpResponse<byte[]> head = send(request(path).header("Accept", accept).header("Accept-Encoding", "gzip")
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()));
                String what = path + " (Accept: " + accept + ", gzip)";
                assertEquals(vary(get), vary(head), what + ": Vary of GET and HEAD");
                assertEquals(get.headers().firstValue("Content-Encoding"), head.headers().firstValue("Content-Encoding"), what + ": Content-Encoding");
                if (get.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
                    compressed++;
                    assertTrue(vary(get).contains("accept-encoding"), what + " is gzip'd but says Vary: " + vary(get));
                }
            }
        }
        assertTrue(compressed > paths.size(), "most answers are large enough to compress: " + compressed);
    }

    @Test
    void varyNamesWhatTheResponseDependsOn() throws Exception {
        for (String spec : pathSpecs) {
            String path = sample(spec);
            HttpResponse<byte[]> first = send(request(path).header("Accept", "text/turtle").header("Accept-Language", "en"));
            Set<String> vary = vary(first);
            for (var header : VARIED.entrySet()) {
                HttpRequest.Builder changed = request(path).header(header.getKey(), header.getValue());
                if (!header.getKey().equals("Accept")) changed.header("Accept", "text/turtle");
                if (!header.getKey().equals("Accept-Language")) changed.header("Accept-Language", "en");
                HttpResponse<byte[]> other = send(changed);
                boolean differs = other.statusCode() != first.statusCode() || !Arrays.equals(other.body(), first.body())
                        || !other.headers().firstValue("Location").equals(first.headers().firstValue("Location"));
                if (differs) {
                    assertTrue(vary.contains(header.getKey().toLowerCase(Locale.ROOT)),
                            path + " changes with " + header.getKey() + " but says Vary: " + vary);
                }
                assertEquals(vary, vary(other), path + ": Vary must not change with " + header.getKey());
            }
        }
    }

    @Test
    void crossOriginReadersGetAnyOriginWithoutCredentials() throws Exception {
        for (String spec : pathSpecs) {
            String path = sample(spec);
            HttpResponse<byte[]> response = send(request(path).header("Origin", "https://elsewhere.example"));
            assertEquals(List.of("*"), response.headers().allValues("Access-Control-Allow-Origin"), path);
            assertTrue(response.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(), path + ": no credentials");
            String exposed = response.headers().firstValue("Access-Control-Expose-Headers").orElse("");
            for (String h : List.of("ETag", "Link", "Content-Language", "Memento-Datetime", "X-Cache")) assertTrue(exposed.contains(h), path + " exposes " + h + ": " + exposed);
        }
    }

    @Test
    void unknownPathsGetTheSitesPageInTheirLanguage() throws Exception {
        List<String> unknown = new ArrayList<>(List.of("/no-such-page", "/ontology/extra", "/id/city/atlantis", "/ibcr-nothing"));
        for (String spec : pathSpecs) if (spec.endsWith("/*")) unknown.add(spec.substring(0, spec.length() - 1) + "no-such-thing.xyz");
        for (String path : unknown) {
            for (String lang : List.of("en", "fr")) {
                HttpResponse<byte[]> response = send(request(path).header("Accept", BROWSER).header("Accept-Language", lang));
                String what = path + " in " + lang;
                assertEquals(404, response.statusCode(), what);
                assertEquals("text/html", response.headers().firstValue("Content-Type").orElse("").split(";")[0], what);
                Document page = Jsoup.parse(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8), base + path);
                assertEquals(lang, page.selectFirst("html").attr("lang"), what);
                assertEquals(lang.equals("en") ? "Not found" : "Introuvable", page.selectFirst("h1").text(), what);
                assertNotNull(page.selectFirst("nav a[href=/timeline]"), what + ": the site's navigation");
                assertFalse(page.select("a[href=/class/Milestone]").isEmpty(), what + ": the class indexes");
                assertTrue(page.text().toLowerCase(Locale.ROOT).indexOf("exception") < 0, what + ": no stack trace");
            }
            HttpResponse<byte[]> plain = send(request(path).header("Accept", "text/turtle"));
            assertEquals(404, plain.statusCode(), path);
            assertEquals("text/plain", plain.headers().firstValue("Content-Type").orElse("").split(";")[0], path + " for a data client");
            HttpResponse<byte[]> json = send(request(path).header("Accept", "application/json"));
            assertEquals("application/json", json.headers().firstValue("Content-Type").orElse("").split(";")[0], path + " for a JSON client");
        }
    }

    @Test
    void writesAcrossOriginsNeedTheOriginNamed() throws Exception {
        Path passwd = Files.createTempFile("ibcr-passwd", ".txt", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwd, "admin: s3cret\n");
        FusekiServer closed = IbcrServer.create().port(0).dataset(dataset).updatesFor(passwd).build().start();
        FusekiServer open = IbcrServer.create().port(0).dataset(dataset).updatesFor(passwd).corsOrigins(List.of("https://editor.example")).build().start();
        try {
            String closedBase = "http://127.0.0.1:" + closed.getHttpPort();
            String openBase = "http://127.0.0.1:" + open.getHttpPort();
            for (String origin : List.of("https://editor.example", "https://evil.example")) {
                HttpResponse<byte[]> refused = send(preflight(closedBase + "/ibcr/data", origin, "PUT"));
                assertEquals(403, refused.statusCode(), "preflight for PUT from " + origin + " without --cors-origin");
                assertTrue(refused.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), origin);
            }
            HttpResponse<byte[]> allowed = send(preflight(openBase + "/ibcr/data", "https://editor.example", "PUT"));
            assertEquals(204, allowed.statusCode(), "preflight for PUT from the origin named");
            assertEquals("https://editor.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertEquals("true", allowed.headers().firstValue("Access-Control-Allow-Credentials").orElse(""));
            assertTrue(allowed.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Origin")), "Vary: Origin");
            assertEquals(403, send(preflight(openBase + "/ibcr/data", "https://evil.example", "PUT")).statusCode(), "another origin");
            // The write itself, with the user's credentials as a browser would send them.
            String auth = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:s3cret".getBytes());
            String update = "INSERT DATA { GRAPH <urn:x-test:cors> { <urn:x:s> <urn:x:p> 1 } }";
            for (var c : List.of(List.of(closedBase, "https://editor.example", "403"), List.of(openBase, "https://evil.example", "403"),
                    List.of(openBase, "https://editor.example", "2"))) {
                HttpResponse<byte[]> write = send(HttpRequest.newBuilder(URI.create(c.get(0) + "/ibcr/update")).timeout(Duration.ofSeconds(30))
                        .header("Origin", c.get(1)).header("Authorization", auth).header("Content-Type", "application/sparql-update")
                        .POST(HttpRequest.BodyPublishers.ofString(update)));
                assertTrue(Integer.toString(write.statusCode()).startsWith(c.get(2)), "update from " + c.get(1) + ": " + write.statusCode());
            }
            // A read preflight stays open to any page.
            HttpResponse<byte[]> read = send(preflight(closedBase + "/ibcr/sparql", "https://evil.example", "POST"));
            assertEquals(204, read.statusCode());
            assertEquals("*", read.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        } finally {
            closed.stop();
            open.stop();
            Files.deleteIfExists(passwd);
        }
    }

    @Test
    void voidLookupEndpointRedirectsToTheResource() throws Exception {
        HttpResponse<byte[]> voidDoc = send(request("/.well-known/void").header("Accept", "text/turtle"));
        Graph description = parse(voidDoc.body(), Lang.TURTLE, base + "/.well-known/void");
        Node endpoint = description.find(Node.ANY, VOID.uriLookupEndpoint.asNode(), Node.ANY).next().getObject();
        String paris = "https://w3id.org/ibcr/id/city/paris";
        // As VoID describes it: the endpoint with the IRI appended, percent-encoded.
        HttpResponse<byte[]> found = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint.getURI() + encode(paris))).build(), BodyHandlers.ofByteArray());
        assertEquals(303, found.statusCode(), endpoint + " + " + paris);
        assertEquals("/id/city/paris", found.headers().firstValue("Location").orElse(""));
        for (var c : Map.of("https://w3id.org/ibcr/ontology", "/ontology", "https://w3id.org/ibcr/dataset", "/dataset",
                "https://w3id.org/ibcr/graph/data", "/graph/data", "https://w3id.org/ibcr/ontology#Milestone", "/ontology#Milestone").entrySet()) {
            HttpResponse<byte[]> r = send(request("/id/?uri=" + encode(c.getKey())));
            assertEquals(303, r.statusCode(), c.getKey());
            assertEquals(c.getValue(), r.headers().firstValue("Location").orElse(""), c.getKey());
        }
        for (String unknown : List.of("https://w3id.org/ibcr/id/city/atlantis", "https://example.org/x", "")) {
            assertEquals(404, send(request("/id/?uri=" + encode(unknown))).statusCode(), "lookup of '" + unknown + "'");
        }
        assertEquals(404, send(request("/id/")).statusCode(), "/id/ without an IRI");
    }

    @Test
    void anIriAppendedToIdAsItIsGoesToTheLookup() throws Exception {
        String paris = "https://w3id.org/ibcr/id/city/paris";
        for (String path : List.of("/id/" + paris, "/id/" + encode(paris), "/id/https:%2F%2Fw3id.org/ibcr/id/city/paris")) {
            HttpResponse<byte[]> lookup = send(request(path).header("Accept", BROWSER));
            assertEquals(303, lookup.statusCode(), path);
            String location = lookup.headers().firstValue("Location").orElse("");
            assertEquals("/id/?uri=" + encode(paris), location, path);
            HttpResponse<byte[]> found = send(request(location));
            assertEquals("/id/city/paris", found.headers().firstValue("Location").orElse(""), path + ", then " + location);
        }
        HttpResponse<byte[]> unknown = send(request("/id/" + encode("https://example.org/x")));
        assertEquals(404, send(request(unknown.headers().firstValue("Location").orElseThrow())).statusCode(), "an IRI not in the dataset");
    }

    @Test
    void addressesJettyRefusesGetTheSitesReplyNotJettys() throws Exception {
        // Sent as they are (java.net.http would refuse or normalise some): ambiguous paths elsewhere than /id/,
        // then what Jetty refuses while reading the request line, before the headers (so no page language).
        for (String path : List.of("/page/city%2Fparis", "/ibcr/query%2Fx", "/id/city//paris", "/id/%2e%2e/x", "/x%00y", "/id/%ZZ",
                "/id/%C3", "/a\\b")) {
            for (String accept : List.of(BROWSER, "application/json", "text/turtle")) {
                String response = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nAccept: " + accept + "\r\nAccept-Language: fr\r\nConnection: close\r\n\r\n");
                String what = path + " (Accept: " + accept + ")";
                assertTrue(response.startsWith("HTTP/1.1 400 "), what + ": " + response);
                assertFalse(response.contains("<title>Error 400"), what + ": Jetty's own page");
                assertFalse(response.toLowerCase(Locale.ROOT).contains("exception"), what + ": no stack trace");
                assertTrue(response.contains("X-Content-Type-Options: nosniff"), what + ": the site's headers");
                String type = response.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:")).findFirst().orElse("");
                String body = response.substring(response.indexOf("\r\n\r\n") + 4);
                if (type.contains("text/html")) {
                    Document page = Jsoup.parse(body);
                    assertEquals("fr", page.selectFirst("html").attr("lang"), what);
                    assertNotNull(page.selectFirst("nav a[href=/timeline]"), what + ": the site's page");
                } else if (type.contains("application/json")) {
                    assertTrue(body.contains("\"status\"") && body.contains("400"), what + ": " + body);
                } else {
                    assertTrue(type.contains("text/plain"), what + ": " + type);
                    assertFalse(body.contains("<"), what + ": " + body);
                }
                // The page for a browser wherever Jetty had read the headers: every ambiguous path.
                if (accept.equals(BROWSER) && !path.matches(".*(%2e|%00|%ZZ|%C3|\\\\).*")) assertTrue(type.contains("text/html"), what + ": " + type);
            }
        }
    }

    private static String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.getHttpPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void namedGraphIrisDescribeTheirGraph() throws Exception {
        for (String name : List.of("data", "ontology", "dataset")) {
            String iri = "https://w3id.org/ibcr/graph/" + name;
            HttpResponse<byte[]> turtle = send(request("/graph/" + name).header("Accept", "text/turtle"));
            assertEquals(200, turtle.statusCode(), name);
            Graph g = parse(turtle.body(), Lang.TURTLE, base + "/graph/" + name);
            long size = org.apache.jena.system.Txn.calculateRead(dataset, () -> dataset.getGraph(NodeFactory.createURI(iri)).size());
            assertTrue(size > 0, name);
            Node triples = g.find(NodeFactory.createURI(iri), VOID.triples.asNode(), Node.ANY).next().getObject();
            assertEquals(size, Long.parseLong(triples.getLiteralLexicalForm()), name + ": its size");
            assertTrue(g.contains(NodeFactory.createURI(iri), VOID.dataDump.asNode(), NodeFactory.createURI(base + "/ibcr/get?graph=" + iri)),
                    name + ": its Graph Store Protocol URL");
            HttpResponse<byte[]> html = send(request("/graph/" + name).header("Accept", BROWSER).header("Accept-Language", "fr"));
            assertEquals(200, html.statusCode());
            Document page = Jsoup.parse(new String(html.body(), java.nio.charset.StandardCharsets.UTF_8), base + "/graph/" + name);
            assertEquals("fr", page.selectFirst("html").attr("lang"));
            assertEquals(iri, page.selectFirst("p.iri code").text());
            String gsp = page.selectFirst("a[href*=/ibcr/get]").attr("href");
            HttpResponse<byte[]> dump = HTTP.send(HttpRequest.newBuilder(URI.create(base + gsp.replace(iri, encode(iri))))
                    .header("Accept", "application/n-triples").build(), BodyHandlers.ofByteArray());
            assertEquals(200, dump.statusCode(), gsp);
            assertEquals(size, parse(dump.body(), Lang.NTRIPLES, base).size(), name + ": the GSP link gives the graph");
        }
    }

    @Test
    void linkHeadersNameAlternatesCanonicalAndDescribedBy() throws Exception {
        HttpResponse<byte[]> page = send(request("/page/city/paris"));
        List<String> links = links(page);
        assertTrue(links.contains("</page/city/paris>; rel=\"canonical\"") || links.contains("<https://w3id.org/ibcr/id/city/paris>; rel=\"canonical\""), "canonical: " + links);
        for (DocumentFormat f : DocumentFormat.ALL) {
            String link = "</data/city/paris." + f.extension() + ">; rel=\"alternate\"; type=\"" + f.mediaType() + "\"";
            assertTrue(links.contains(link), link + " in " + links);
            HttpResponse<byte[]> doc = send(request("/data/city/paris." + f.extension()));
            assertEquals(200, doc.statusCode(), f.extension());
            assertEquals(f.mediaType(), doc.headers().firstValue("Content-Type").orElse("").split(";")[0], f.extension());
            Graph g = parse(doc.body(), f.lang(), base);
            assertTrue(g.contains(NodeFactory.createURI("https://w3id.org/ibcr/id/city/paris"), Node.ANY, Node.ANY), f.extension());
        }
        List<String> id = links(send(request("/id/city/paris")));
        assertTrue(id.contains("</data/city/paris.ttl>; rel=\"describedby\"; type=\"text/turtle\""), "describedby: " + id);
        for (String path : List.of("/ontology", "/dataset")) {
            List<String> l = links(send(request(path).header("Accept", "text/turtle")));
            assertTrue(l.stream().anyMatch(x -> x.contains("rel=\"canonical\"")), path + ": " + l);
            assertTrue(l.contains("<" + path + ".nq>; rel=\"alternate\"; type=\"application/n-quads\""), path + ": " + l);
        }
        for (String type : List.of("application/json", "application/n-quads", "application/trig")) {
            for (String path : List.of("/ontology", "/dataset", "/.well-known/void", "/graph/data")) {
                HttpResponse<byte[]> r = send(request(path).header("Accept", type));
                assertEquals(200, r.statusCode(), path + " as " + type);
                assertEquals(type, r.headers().firstValue("Content-Type").orElse("").split(";")[0], path + " as " + type);
                assertFalse(parse(r.body(), type.equals("application/json") ? Lang.JSONLD : org.apache.jena.riot.RDFLanguages.contentTypeToLang(type), base)
                        .isEmpty(), path + " as " + type);
            }
            HttpResponse<byte[]> id303 = send(request("/id/city/paris").header("Accept", type));
            assertEquals(303, id303.statusCode(), "/id/ as " + type);
        }
    }

    private static List<String> links(HttpResponse<?> response) {
        return response.headers().allValues("Link").stream().flatMap(v -> Arrays.stream(v.split(",\\s*(?=<)"))).map(String::strip).toList();
    }

    private static Graph parse(byte[] body, Lang lang, String base) {
        DatasetGraph ds = org.apache.jena.sparql.core.DatasetGraphFactory.createGeneral();
        RDFParser.source(new java.io.ByteArrayInputStream(body)).lang(lang).base(base).parse(ds);
        Graph union = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        ds.find().forEachRemaining(q -> union.add(q.asTriple()));
        return union;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static HttpRequest.Builder preflight(String url, String origin, String method) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Origin", origin)
                .header("Access-Control-Request-Method", method).header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), BodyHandlers.ofByteArray());
    }

    private static Map<String, List<String>> headers(HttpResponse<?> response) {
        Map<String, List<String>> map = new TreeMap<>();
        response.headers().map().forEach((k, v) -> {
            if (!PER_RESPONSE.contains(k.toLowerCase(Locale.ROOT))) map.put(k.toLowerCase(Locale.ROOT), v);
        });
        return map;
    }

    private static Set<String> vary(HttpResponse<?> response) {
        return response.headers().allValues("Vary").stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(v -> v.strip().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty()).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
