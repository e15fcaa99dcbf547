package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.MemoryStore;
import org.ibcr.kg.vocab.SD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SPARQL endpoint's conventions on the wire: its service description at {@code /ibcr}, {@code /ibcr/sparql}
 * and {@code /ibcr/query} in each format, HEAD, and 406 when no result format matches {@code Accept}.
 */
class ServiceDescriptionTest {
    private static final String SELECT = "SELECT ?m WHERE { ?m a <https://w3id.org/ibcr/ontology#Milestone> } ORDER BY ?m LIMIT 3";
    private static final String CONSTRUCT = "CONSTRUCT WHERE { ?m a <https://w3id.org/ibcr/ontology#Milestone> } LIMIT 3";
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static FusekiServer server;
    private static String base;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        var built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        server = IbcrServer.create().port(0).dataset(MemoryStore.copyOf(built.dataset())).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
    }

    // One case per line: path, Accept, the media type answered.
    @ParameterizedTest(name = "GET {0} Accept: {1}")
    @CsvSource(delimiter = '|', value = {
        "/ibcr/sparql | text/turtle                  | text/turtle",
        "/ibcr/sparql | application/ld+json          | application/ld+json",
        "/ibcr/sparql | application/rdf+xml          | application/rdf+xml",
        "/ibcr/sparql | application/n-triples        | application/n-triples",
        "/ibcr/sparql | */*                          | text/turtle",
        "/ibcr/sparql |                              | text/turtle",
        "/ibcr/query  | text/turtle                  | text/turtle",
        "/ibcr/query  | application/ld+json          | application/ld+json",
        "/ibcr        | application/rdf+xml          | application/rdf+xml",
        "/ibcr        | application/ld+json;q=0.9, text/turtle;q=0.6 | application/ld+json",
    })
    void theEndpointDescribesItself(String path, String accept, String type) throws Exception {
        HttpResponse<byte[]> response = http.send(request(path, accept).build(), BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), "status of GET " + path);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith(type), "Content-Type " + contentType);
        assertTrue(response.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept")), "Vary: Accept");
        Lang lang = RDFLanguages.contentTypeToLang(type);
        Model m = ModelFactory.createDefaultModel();
        RDFParser.source(new java.io.ByteArrayInputStream(response.body())).lang(lang).base(base + path).parse(m);

        String endpoint = base + path;
        Resource service = m.listSubjectsWithProperty(SD.endpoint, m.createResource(endpoint)).nextOptional()
                .orElseThrow(() -> new AssertionError("no sd:endpoint <" + endpoint + "> in\n" + new String(response.body(), StandardCharsets.UTF_8)));
        assertTrue(service.hasProperty(org.apache.jena.vocabulary.RDF.type, SD.Service), "a sd:Service");
        assertTrue(service.hasProperty(SD.supportedLanguage, SD.SPARQL11Query), "sd:supportedLanguage sd:SPARQL11Query");
        Set<String> formats = service.listProperties(SD.resultFormat).mapWith(s -> s.getObject().asResource().getURI()).toSet();
        for (String f : new String[] {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "JSON-LD", "RDF_XML"}) {
            assertTrue(formats.contains(SD.FORMATS + f), "sd:resultFormat formats:" + f + " in " + formats);
        }
        assertTrue(service.hasProperty(SD.feature, SD.UnionDefaultGraph), "the default graph is the union of the named graphs");
        assertFalse(service.hasProperty(SD.feature, m.createResource(SD.NS + "BasicFederatedQuery")), "SERVICE is refused: no federation claimed");
        Resource dataset = service.getPropertyResourceValue(SD.defaultDataset);
        assertTrue(dataset != null && dataset.hasProperty(org.apache.jena.vocabulary.RDF.type, SD.Dataset), "sd:defaultDataset");
        Set<String> graphs = dataset.listProperties(SD.namedGraph)
                .mapWith(s -> s.getObject().asResource().getPropertyResourceValue(SD.name).getURI()).toSet();
        assertEquals(Set.of("https://w3id.org/ibcr/graph/data", "https://w3id.org/ibcr/graph/ontology", "https://w3id.org/ibcr/graph/dataset"),
                graphs, "the named graphs");
    }

    /** Every result format the description claims is one the endpoint answers with. */
    @Test
    void everyClaimedResultFormatIsServed() throws Exception {
        HttpResponse<byte[]> response = http.send(request("/ibcr/sparql", "text/turtle").build(), BodyHandlers.ofByteArray());
        Model m = ModelFactory.createDefaultModel();
        RDFParser.source(new java.io.ByteArrayInputStream(response.body())).lang(Lang.TURTLE).parse(m);
        Set<String> claimed = m.listObjectsOfProperty(SD.resultFormat).mapWith(RDFNode::asResource).mapWith(Resource::getURI).toSet();
        assertTrue(claimed.size() >= 8, "result formats: " + claimed);
        var types = java.util.Map.of("SPARQL_Results_JSON", "application/sparql-results+json", "SPARQL_Results_XML", "application/sparql-results+xml",
                "SPARQL_Results_CSV", "text/csv", "SPARQL_Results_TSV", "text/tab-separated-values");
        for (String format : claimed) {
            String name = format.substring(SD.FORMATS.length());
            boolean results = types.containsKey(name);
            String type = results ? types.get(name) : RDFLanguages.nameToLang(name.replace('_', '/'))
                    .getContentType().getContentTypeStr();
            HttpResponse<String> answer = http.send(request("/ibcr/sparql?query=" + enc(results ? SELECT : CONSTRUCT), type).build(),
                    BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), format + " as " + type);
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith(type),
                    format + ": asked " + type + ", got " + answer.headers().firstValue("Content-Type"));
        }
    }

    @Test
    void theSameRequestGivesTheSameBytes() throws Exception {
        for (String type : new String[] {"text/turtle", "application/ld+json", "application/rdf+xml"}) {
            byte[] first = http.send(request("/ibcr/sparql", type).build(), BodyHandlers.ofByteArray()).body();
            byte[] second = http.send(request("/ibcr/sparql", type).build(), BodyHandlers.ofByteArray()).body();
            assertArrayEquals(first, second, type);
        }
    }

    @Test
    void aBrowserIsSentToTheQueryPage() throws Exception {
        HttpResponse<String> response = http.send(request("/ibcr/sparql", BROWSER).build(), BodyHandlers.ofString());
        assertEquals(303, response.statusCode());
        assertEquals(IbcrServer.QUERY_PAGE, response.headers().firstValue("Location").orElse(""));
    }

    @Test
    void headOnTheEndpointAnswersTheHeadersOfGet() throws Exception {
        HttpResponse<byte[]> get = http.send(request("/ibcr/sparql", "text/turtle").build(), BodyHandlers.ofByteArray());
        HttpResponse<byte[]> head = http.send(request("/ibcr/sparql", "text/turtle").method("HEAD", BodyPublishers.noBody()).build(),
                BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode(), "HEAD without a query");
        assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
        assertEquals(String.valueOf(get.body().length), head.headers().firstValue("Content-Length").orElse(""), "Content-Length");
        assertEquals(0, head.body().length, "HEAD has no body");

        String withQuery = "/ibcr/sparql?query=" + enc(SELECT);
        HttpResponse<byte[]> headQuery = http.send(request(withQuery, "text/csv").method("HEAD", BodyPublishers.noBody()).build(),
                BodyHandlers.ofByteArray());
        assertEquals(200, headQuery.statusCode(), "HEAD with a query (Fuseki alone answers 405)");
        assertTrue(headQuery.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals(0, headQuery.body().length, "HEAD has no body");
    }

    // One case per line: method, query, Accept, status; a result format must match Accept, or 406.
    @ParameterizedTest(name = "{0} {1} Accept: {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "GET  | select    | foo/bar                          | 406",
        "GET  | select    | text/turtle                      | 406",
        "GET  | construct | application/sparql-results+json  | 406",
        "GET  | construct | text/turtle                      | 200",
        "GET  | select    | application/sparql-results+json  | 200",
        "GET  | select    | text/*                           | 200",
        "GET  | select    | foo/bar, */*;q=0.1               | 200",
        "POST | select    | foo/bar                          | 406",
        "POST | select    | application/sparql-results+xml   | 200",
        "FORM | select    | foo/bar                          | 406",
        "FORM | select    | application/sparql-results+json  | 200",
    })
    void noMatchingResultFormatIs406(String method, String form, String accept, int status) throws Exception {
        String query = form.equals("select") ? SELECT : CONSTRUCT;
        HttpRequest.Builder request = switch (method) {
            case "GET" -> request("/ibcr/sparql?query=" + enc(query), accept);
            case "POST" -> request("/ibcr/sparql", accept).header("Content-Type", "application/sparql-query")
                    .POST(BodyPublishers.ofString(query));
            default -> request("/ibcr/sparql", accept).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(BodyPublishers.ofString("query=" + enc(query)));
        };
        HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        if (status == 406) assertTrue(response.body().contains("application/sparql-results+json"), "the 406 names the formats: " + response.body());
    }

    /** output= names the format and overrides Accept, as in Fuseki; browsers keep Fuseki's answer (XML results). */
    @Test
    void outputParameterAndBrowsersKeepFusekisAnswer() throws Exception {
        HttpResponse<String> output = http.send(request("/ibcr/sparql?output=json&query=" + enc(SELECT), "foo/bar").build(), BodyHandlers.ofString());
        assertEquals(200, output.statusCode());
        assertTrue(output.headers().firstValue("Content-Type").orElse("").startsWith("application/sparql-results+json"));
        HttpResponse<String> browser = http.send(request("/ibcr/sparql?query=" + enc(SELECT), BROWSER).build(), BodyHandlers.ofString());
        assertEquals(200, browser.statusCode());
        assertTrue(browser.headers().firstValue("Content-Type").orElse("").contains("xml"), "XML results for a browser");
    }

    @Test
    void aDescriptionInNoAcceptableFormatIs406() throws Exception {
        assertEquals(406, http.send(request("/ibcr/sparql", "foo/bar").build(), BodyHandlers.ofString()).statusCode());
    }

    private static HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (accept != null && !accept.isBlank()) b.header("Accept", accept);
        return b;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
