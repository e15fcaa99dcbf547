package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.ExampleQuery;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.MemoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every URL of the server that README.md names answers as README.md says, on a real server (port 0) built as
 * {@code ibcr-kg serve} builds it, read-only, over the bundled data. Which strings are server URLs:
 * <ol>
 * <li>every {@code http://127.0.0.1:3030/...} anywhere (prose, tables, code); in a code block, a line continued
 *     with {@code \} is one command, whose {@code -H 'Accept: X'} is sent and is the media type expected, and whose
 *     {@code --data-urlencode 'query=...'} is sent as a form POST, as curl does;</li>
 * <li>every path in backticks that begins with {@code /}, except: paths with a placeholder ({@code {kind}}) or an
 *     ellipsis ({@code ...}), paths ending in {@code =} (a parameter left for the reader), folders ({@code /x/}) that
 *     are not in the first column of a route table, and the section {@code ### load}, which speaks of another
 *     Fuseki.</li>
 * </ol>
 * A route table is a table whose first header cell is {@code URL} or {@code request}; its first column names paths
 * (a placeholder stands for one segment) and the other cells describe them. What is expected of a URL, requested
 * with no {@code Accept} (as curl does) unless the command gives one:
 * <ul>
 * <li>status: 200; or, where its row says the URLs "exist only with" an option, 404 or 405 (the server runs
 *     without it); or, where its row begins with a redirect ({@code `301` to}), that status;</li>
 * <li>media type: for a file name, the registered type of its extension; otherwise one of the formats its rows
 *     name ("page" or HTML, Turtle, JSON-LD, JSON, XML, RDF/XML, CSV, "plain text"...). A URL whose path no row
 *     describes, and that names no file, is checked for its status only; rows that name no format fail.</li>
 * </ul>
 */
class ReadmeUrlsTest {
    private static final Path README = Path.of("README.md");
    private static final Pattern LOCAL_URL = Pattern.compile("http://127\\.0\\.0\\.1:3030(/[^\\s`'\"<>)]*)?");
    private static final Pattern BACKTICKED = Pattern.compile("`(/[^`\\s]*)`");
    private static final Pattern ACCEPT = Pattern.compile("-H\\s+'Accept:\\s*([^']+)'");
    private static final Pattern QUERY_DATA = Pattern.compile("--data-urlencode\\s+'query=([^']*)'");
    private static final Pattern REDIRECT = Pattern.compile("^`(30[1-8])` to");
    /** Format names as the README writes them, and the media types each stands for. */
    private static final Map<Pattern, Set<String>> FORMATS = new LinkedHashMap<>();
    /** Registered types by file extension. */
    private static final Map<String, Set<String>> EXTENSIONS = Map.ofEntries(
            Map.entry("ttl", Set.of("text/turtle")), Map.entry("jsonld", Set.of("application/ld+json")),
            Map.entry("nt", Set.of("application/n-triples")), Map.entry("rdf", Set.of("application/rdf+xml")),
            Map.entry("trig", Set.of("application/trig")), Map.entry("nq", Set.of("application/n-quads")),
            Map.entry("json", Set.of("application/json")), Map.entry("xml", Set.of("application/xml", "text/xml")),
            Map.entry("txt", Set.of("text/plain")), Map.entry("css", Set.of("text/css")),
            Map.entry("js", Set.of("text/javascript", "application/javascript")), Map.entry("html", Set.of("text/html")),
            Map.entry("graphml", Set.of("application/graphml+xml")), Map.entry("gexf", Set.of("application/gexf+xml")),
            Map.entry("geojson", Set.of("application/geo+json")),
            Map.entry("csv", Set.of("text/csv")), Map.entry("dot", Set.of("text/vnd.graphviz")), Map.entry("gz", Set.of("application/gzip")),
            Map.entry("ico", Set.of("image/x-icon", "image/vnd.microsoft.icon")));

    static {
        FORMATS.put(Pattern.compile("\\bpage\\b|\\bHTML\\b"), Set.of("text/html"));
        FORMATS.put(Pattern.compile("\\bTurtle\\b"), Set.of("text/turtle"));
        FORMATS.put(Pattern.compile("\\bJSON-LD\\b"), Set.of("application/ld+json"));
        FORMATS.put(Pattern.compile("\\bJSON\\b(?!-LD)"), Set.of("application/json", "application/sparql-results+json"));
        FORMATS.put(Pattern.compile("(?<!/)\\bXML\\b"), Set.of("application/xml", "application/sparql-results+xml"));
        FORMATS.put(Pattern.compile("RDF/XML"), Set.of("application/rdf+xml"));
        FORMATS.put(Pattern.compile("\\bN-Triples\\b"), Set.of("application/n-triples"));
        FORMATS.put(Pattern.compile("\\bTriG\\b"), Set.of("application/trig"));
        FORMATS.put(Pattern.compile("\\bN-Quads\\b"), Set.of("application/n-quads"));
        FORMATS.put(Pattern.compile("\\bCSV\\b"), Set.of("text/csv"));
        FORMATS.put(Pattern.compile("\\bTSV\\b"), Set.of("text/tab-separated-values"));
        FORMATS.put(Pattern.compile("plain text|Prometheus"), Set.of("text/plain"));
    }

    /** A line of a route table: the path patterns of its first column and the text of the others. */
    record Row(List<Pattern> paths, String text) {
        boolean describes(String path) {
            return paths.stream().anyMatch(p -> p.matcher(path).matches());
        }
    }

    /** A URL to request, with the Accept and form query its command sends, and where the README has it. */
    record Mention(String path, String accept, String query, int line) {}

    private static DatasetGraph dataset;
    private static FusekiServer server;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws IOException {
        dataset = MemoryStore.copyOf(GraphBuild.from(CsvHistory.open(Path.of("data"))).build().dataset());
        server = IbcrServer.create().port(0).dataset(dataset).examples(ExampleQuery.fromFolder(Path.of("queries"))).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
    }

    @Test
    void theReadmeNamesTheUrlsThisTestIsAbout() throws IOException {
        List<String> paths = mentions(Files.readAllLines(README)).stream().map(Mention::path).toList();
        // The rule above must keep finding what users copy: if the README changes its way of writing them, this fails.
        for (String expected : List.of("/", "/ibcr/sparql", "/ibcr/get?default", "/query", "/index.html", "/ontology",
                "/ontology/shapes", "/ontology/context.jsonld", "/.well-known/void", "/$/ping")) {
            assertTrue(paths.contains(expected), "README.md no longer names " + expected + " as the rule reads it: " + paths);
        }
    }

    /** README.md: over the in-memory store {@code serve} builds by default, {@code ?default} is the union of the named graphs. */
    @Test
    void graphStoreDefaultIsTheUnionInMemory() throws Exception {
        for (String param : List.of("default", "graph=urn:x-arq:UnionGraph")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/ibcr/get?" + param))
                    .header("Accept", "application/n-triples").GET().build(), BodyHandlers.ofString());
            assertTrue(response.statusCode() == 200, "?" + param + ": " + response.statusCode());
            org.apache.jena.graph.Graph graph = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
            org.apache.jena.riot.RDFParser.fromString(response.body(), org.apache.jena.riot.Lang.NTRIPLES).parse(graph);
            org.apache.jena.graph.Graph union = dataset.getUnionGraph();
            assertTrue(union.size() > 1000 && org.apache.jena.sparql.util.IsoMatcher.isomorphic(union, graph),
                    "?" + param + ": " + graph.size() + " triples, not the union's " + union.size());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyUrlOfTheReadmeAnswersAsItSays() throws IOException {
        List<String> lines = Files.readAllLines(README);
        List<Row> rows = routeRows(lines);
        return mentions(lines).stream().map(m -> DynamicTest.dynamicTest("README.md:" + m.line() + " " + m.path()
                + (m.accept() == null ? "" : " Accept: " + m.accept()), () -> check(m, rows)));
    }

    private static void check(Mention m, List<Row> rows) throws IOException, InterruptedException {
        String path = m.path().contains("?") ? m.path().substring(0, m.path().indexOf('?')) : m.path();
        List<Row> describing = rows.stream().filter(r -> r.describes(path)).toList();
        String where = "README.md:" + m.line() + " " + m.path();

        Set<Integer> statuses = Set.of(200);
        for (Row r : describing) {
            Matcher redirect = REDIRECT.matcher(r.text());
            if (redirect.find()) statuses = Set.of(Integer.parseInt(redirect.group(1)));
            else if (r.text().contains("exist only with")) statuses = Set.of(404, 405);
        }

        Set<String> types = new LinkedHashSet<>();
        if (m.accept() != null) {
            types.add(m.accept().trim());
        } else {
            String name = path.substring(path.lastIndexOf('/') + 1);
            String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
            if (!statuses.contains(200)) {
                // no body to check: a redirect, or an address that does not exist on this server
            } else if (EXTENSIONS.containsKey(extension)) {
                types.addAll(EXTENSIONS.get(extension));
            } else {
                for (Row r : describing) types.addAll(formats(r.text()));
                assertFalse(!describing.isEmpty() && types.isEmpty(), where + ": its rows name no format: " + describing);
            }
        }

        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + encodeForUri(m.path()))).timeout(Duration.ofSeconds(60));
        if (m.accept() != null) request.header("Accept", m.accept().trim());
        if (m.query() != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("query=" + java.net.URLEncoder.encode(m.query(), StandardCharsets.UTF_8)));
        } else {
            request.GET();
        }
        HttpResponse<String> response = HTTP.send(request.build(), BodyHandlers.ofString());
        assertTrue(statuses.contains(response.statusCode()), where + ": status " + response.statusCode() + ", README says " + statuses);
        if (response.statusCode() != 200) return;
        String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim().toLowerCase(Locale.ROOT)).orElse("");
        assertFalse(type.isEmpty(), where + ": no Content-Type");
        // A .xml file may have a more precise XML type (RFC 7303's +xml suffix): /opensearch.xml is OpenSearch's.
        boolean xmlFile = m.accept() == null && m.path().replaceAll("[?#].*", "").endsWith(".xml") && type.endsWith("+xml");
        if (!types.isEmpty()) assertTrue(types.contains(type) || xmlFile, where + ": " + type + ", README says one of " + types);
    }

    /** The server URLs of the README, by the rule of the class comment, in order, once each. */
    static List<Mention> mentions(List<String> lines) {
        Map<String, Mention> found = new LinkedHashMap<>();
        List<String> folders = new ArrayList<>();
        for (Row r : routeRows(lines)) for (Pattern p : r.paths()) folders.add(p.pattern());
        boolean code = false;
        boolean otherServer = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                code = !code;
                continue;
            }
            if (line.startsWith("#")) otherServer = line.equals("### load");
            int number = i + 1;
            if (code) {
                while (line.endsWith("\\") && i + 1 < lines.size()) line = line.substring(0, line.length() - 1) + " " + lines.get(++i);
                Matcher accept = ACCEPT.matcher(line);
                Matcher query = QUERY_DATA.matcher(line);
                String a = accept.find() ? accept.group(1) : null;
                String q = query.find() ? query.group(1) : null;
                Matcher url = LOCAL_URL.matcher(line);
                while (url.find()) add(found, new Mention(pathOf(url), a, q, number));
                continue;
            }
            Matcher url = LOCAL_URL.matcher(line);
            while (url.find()) add(found, new Mention(pathOf(url), null, null, number));
            if (otherServer) continue;
            boolean tableRow = line.startsWith("|");
            String firstCell = tableRow ? line.split("\\|", -1)[1] : "";
            Matcher path = BACKTICKED.matcher(line);
            while (path.find()) {
                String p = path.group(1);
                if (p.contains("{") || p.contains("...") || p.endsWith("=")) continue;
                if (p.length() > 1 && p.endsWith("/") && !(tableRow && firstCell.contains("`" + p + "`"))) continue;
                add(found, new Mention(p, null, null, number));
            }
        }
        return List.copyOf(found.values());
    }

    private static String pathOf(Matcher url) {
        return url.group(1) == null ? "/" : url.group(1);
    }

    private static void add(Map<String, Mention> found, Mention m) {
        found.putIfAbsent(m.path() + " " + m.accept() + " " + m.query(), m);
    }

    /** The rows of the route tables. */
    static List<Row> routeRows(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        boolean inRouteTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("|")) {
                inRouteTable = false;
                continue;
            }
            String[] cells = line.split("\\|", -1);
            if (i == 0 || !lines.get(i - 1).startsWith("|")) { // a header
                String first = cells[1].trim().toLowerCase(Locale.ROOT);
                inRouteTable = first.equals("url") || first.equals("request");
                continue;
            }
            if (!inRouteTable || line.startsWith("|---")) continue;
            List<Pattern> paths = new ArrayList<>();
            Matcher m = BACKTICKED.matcher(cells[1]);
            while (m.find()) {
                String p = m.group(1);
                if (p.contains("...")) continue;
                paths.add(Pattern.compile(Pattern.quote(p).replaceAll("\\{[^}]*}", "\\\\E[^/]+\\\\Q")));
            }
            StringBuilder text = new StringBuilder();
            for (int c = 2; c < cells.length; c++) text.append(cells[c].trim()).append(' ');
            rows.add(new Row(paths, text.toString().trim()));
        }
        return rows;
    }

    private static Set<String> formats(String text) {
        Set<String> types = new LinkedHashSet<>();
        for (var e : FORMATS.entrySet()) if (e.getKey().matcher(text).find()) types.addAll(e.getValue());
        return types;
    }

    /** A README path as a URI: what curl would send for it (the IRI in {@code ?graph=} as written, {@code $} kept). */
    private static String encodeForUri(String path) {
        String decoded = URLDecoder.decode(path, StandardCharsets.UTF_8);
        if (!decoded.equals(path)) fail("percent-encoded path in the README: " + path);
        return path;
    }
}
