package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.ibcr.kg.model.FrenchTypography;
import org.ibcr.kg.publish.ExampleQuery;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.store.TdbStore;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * The French site: every page has its own French address as its canonical URL, with {@code hreflang} alternates for
 * English, French and the default; {@code /sitemap.xml} lists every page in both languages with the same alternates;
 * and a crawl of the French site from its home page finds no English word in the visible text of any page, except
 * in proper names (the names of organisations, people, groups and works, which keep the language they have), in
 * text marked as another language ({@code lang="en"}, a value of the data), in identifiers (URLs, prefixed names, codes
 * in capitals such as "AT") and in code (queries). The interface's French texts, the templates and the visible text of
 * every French page follow French typography ({@link FrenchTypography}): a no-break space before ":" and inside « », a
 * narrow one before ";", "?" and "!".
 */
class FrenchPagesTest {
    /** Words that are English and not French: a French page showing one has a text left untranslated. */
    private static final Set<String> ENGLISH = Set.of("the", "and", "of", "with", "from", "which", "this", "that", "these", "were", "was",
            "has", "have", "been", "their", "into", "are", "between", "about", "children", "children's", "rights", "home", "download",
            "downloads", "years", "year", "shown", "more", "show", "run", "query", "network", "timeline", "search", "loading", "links",
            "until", "not", "before", "after", "role", "roles", "milestone", "milestones", "what", "where", "when", "who", "its", "it", "is", "by", "an", "or", "to", "on", "at", "as", "be");
    /** Words; a hyphenated slug (an identifier) is one word. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}'-]+");
    /** Identifiers shown as they are: URLs and prefixed names (schema:about). */
    private static final Pattern IDENTIFIER = Pattern.compile("\\b(https?://\\S+|[a-z][a-z0-9]*:\\S+)");
    /** Links to things whose labels are proper names. */
    private static final Pattern NAMED = Pattern.compile("/page/(organisation|person|group|work)/.*");
    private static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String XHTML_NS = "http://www.w3.org/1999/xhtml";

    private static TdbStore store;
    private static FusekiServer server;
    private static String base;
    private static HttpClient http;
    private static final List<String> PROPER_NAMES = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        store = BundledStore.open();
        server = IbcrServer.create().port(0).dataset(store.dataset()).examples(ExampleQuery.fromFolder(Path.of("queries"))).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
        http = BundledStore.client(HttpClient.Redirect.NEVER);
        // Proper names: every label and name of the organisations, people, groups and works, longest first.
        String query = "SELECT DISTINCT ?name { ?x ?p ?name FILTER(?p IN (<http://www.w3.org/2000/01/rdf-schema#label>, "
                + "<https://schema.org/name>, <http://www.w3.org/2004/02/skos/core#altLabel>, <https://schema.org/alternateName>)) "
                + "FILTER(REGEX(STR(?x), '/id/(organisation|person|group|work)/')) }";
        List<String> names = new ArrayList<>();
        Txn.executeRead(store.dataset(), () -> QueryExec.dataset(store.dataset()).query(query).select()
                .forEachRemaining(b -> names.add(b.get("name").getLiteralLexicalForm())));
        names.sort(Comparator.comparingInt(String::length).reversed());
        PROPER_NAMES.addAll(names);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
        if (store != null) store.close();
    }

    @Test
    void everyPageHasItsCanonicalUrlInItsLanguageAndItsAlternates() throws Exception {
        for (String path : List.of("/", "/timeline", "/graph", "/map", "/query", "/ontology", "/dumps/", "/class/City", "/page/city/paris",
                "/graph/data")) {
            Document fr = page(path + (path.contains("?") ? "&" : "?") + "lang=fr");
            assertEquals(path + "?lang=fr", fr.selectFirst("link[rel=canonical]").attr("href"), path + ": the French canonical URL");
            Map<String, String> alternates = new HashMap<>();
            for (Element link : fr.select("link[rel=alternate][hreflang]")) alternates.put(link.attr("hreflang"), link.attr("href"));
            assertEquals(Map.of("en", path, "fr", path + "?lang=fr", "x-default", path), alternates, path);
            Document en = page(path + "?lang=en");
            assertFalse(en.selectFirst("link[rel=canonical]").attr("href").contains("lang=fr"), path + ": the English canonical URL");
            assertEquals(3, en.select("link[rel=alternate][hreflang]").size(), path);
        }
        Document resource = page("/page/city/paris");
        assertEquals("https://w3id.org/ibcr/id/city/paris", resource.selectFirst("link[rel=canonical]").attr("href"),
                "an English resource page keeps its IRI as canonical");
        HttpResponse<String> missing = get("/page/city/nowhere?lang=fr");
        assertEquals(404, missing.statusCode());
        assertTrue(Jsoup.parse(missing.body()).select("link[rel=canonical], link[hreflang]").isEmpty(), "an error page has no address of its own");
    }

    @Test
    void theSitemapListsEveryPageInBothLanguages() throws Exception {
        HttpResponse<String> response = get("/sitemap.xml");
        assertEquals(200, response.statusCode());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
        NodeList urls = xml.getElementsByTagNameNS(SITEMAP_NS, "url");
        Set<String> locs = new LinkedHashSet<>();
        for (int i = 0; i < urls.getLength(); i++) {
            org.w3c.dom.Element url = (org.w3c.dom.Element) urls.item(i);
            String loc = url.getElementsByTagNameNS(SITEMAP_NS, "loc").item(0).getTextContent();
            locs.add(loc);
            NodeList links = url.getElementsByTagNameNS(XHTML_NS, "link");
            Map<String, String> alternates = new HashMap<>();
            for (int j = 0; j < links.getLength(); j++) {
                org.w3c.dom.Element link = (org.w3c.dom.Element) links.item(j);
                alternates.put(link.getAttribute("hreflang"), link.getAttribute("href"));
            }
            String en = loc.endsWith("?lang=fr") ? loc.substring(0, loc.length() - "?lang=fr".length()) : loc;
            assertEquals(Map.of("en", en, "fr", en + "?lang=fr", "x-default", en), alternates, loc);
        }
        for (String page : List.of("/", "/query", "/timeline", "/page/city/paris", "/page/milestone/international-tribunal")) {
            assertTrue(locs.contains(base + page), page);
            assertTrue(locs.contains(base + page + "?lang=fr"), page + " in French");
        }
        assertEquals(0, locs.size() % 2, "each page twice");
        assertTrue(get("/robots.txt").body().contains("Sitemap: " + base + "/sitemap.xml"), "robots.txt names the sitemap");
    }

    @Test
    void noFrenchPageOfTheCrawlShowsEnglish() throws Exception {
        // The crawl: every page reachable from the French home page by the links of the pages.
        Deque<String> queue = new ArrayDeque<>(List.of("/?lang=fr"));
        Set<String> seen = new LinkedHashSet<>(queue);
        Map<String, List<String>> english = new TreeMap<>();
        Map<String, String> typography = new TreeMap<>();
        int pages = 0;
        while (!queue.isEmpty()) {
            String path = queue.poll();
            HttpResponse<String> response = get(path);
            if (response.statusCode() != 200 || !response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) continue;
            pages++;
            Document doc = Jsoup.parse(response.body(), base + path);
            assertEquals("fr", doc.selectFirst("html").attr("lang"), path);
            List<String> words = englishWords(doc);
            if (!words.isEmpty()) english.put(path, words);
            typography(doc).ifPresent(fault -> typography.put(path, fault));
            for (Element a : doc.select("a[href]")) {
                String href = a.attr("href");
                if (!href.startsWith("/") || href.startsWith("//") || !href.contains("lang=fr")) continue;
                String link = href.replaceAll("#.*", "");
                URI uri = URI.create(base + link);
                String p = uri.getRawPath();
                if (p.startsWith("/graph/") || p.startsWith("/data/") || p.startsWith("/dumps/ibcr") || p.endsWith(".geojson")
                        || p.startsWith("/query") && uri.getRawQuery().contains("query=")) {
                    continue; // files, and query results (the page itself is crawled)
                }
                if (seen.add(link)) queue.add(link);
            }
        }
        assertTrue(pages > 50, "the crawl reached the pages of the data: " + pages);
        // Error pages, and the query page's errors and answers, in French too.
        for (String[] error : new String[][] {{"/page/city/nowhere?lang=fr", "404"}, {"/timeline?format=xls&lang=fr", "400"},
                {"/nowhere?lang=fr", "404"}, {"/query?lang=fr&query=SELECT+%3Fx+WHERE+%7B", "400"},
                {"/query?lang=fr&query=ASK+%7B%7D", "200"}}) {
            HttpResponse<String> response = get(error[0]);
            assertEquals(Integer.parseInt(error[1]), response.statusCode(), error[0]);
            Document doc = Jsoup.parse(response.body(), base + error[0]);
            assertEquals("fr", doc.selectFirst("html").attr("lang"), error[0]);
            List<String> words = englishWords(doc);
            if (!words.isEmpty()) english.put(error[0], words);
            typography(doc).ifPresent(fault -> typography.put(error[0], fault));
        }
        assertEquals(Map.of(), english, "English words on French pages");
        assertEquals(Map.of(), typography, "French typography on French pages (U+00A0 before : and inside « », U+202F before ; ! ?)");
    }

    @Test
    void theInterfacesFrenchTextsFollowFrenchTypography() throws IOException {
        List<String> faults = new ArrayList<>();
        java.util.Properties site = null;
        List<Path> bundles;
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/messages"))) {
            bundles = files.filter(f -> f.getFileName().toString().endsWith("_fr.properties")).sorted().toList();
        }
        assertEquals(List.of("errors_fr.properties", "site_fr.properties"), bundles.stream().map(f -> f.getFileName().toString()).toList());
        for (Path bundle : bundles) {
            java.util.Properties fr = new java.util.Properties();
            try (var in = java.nio.file.Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
                fr.load(in);
            }
            if (bundle.getFileName().toString().startsWith("site")) site = fr;
            for (String key : new java.util.TreeSet<>(fr.stringPropertyNames())) {
                FrenchTypography.firstFault(fr.getProperty(key)).ifPresent(f -> faults.add(bundle.getFileName() + ": " + key + ": " + f.message()));
            }
        }
        assertEquals(List.of(), faults, "French typography in the French messages (U+00A0 before : and inside « », U+202F before ; ! ?)");
        assertEquals("\u00a0:", site.getProperty("colon"), "the colon the templates put after a French label");
        for (java.nio.file.Path template : java.nio.file.Files.list(Path.of("src/main/resources/templates")).toList()) {
            String text = java.nio.file.Files.readString(template);
            assertTrue(!Pattern.compile("(\\}\\}|\\)):[ <\\n]").matcher(text).find(), template + ": a colon written in the template, not {{t.colon}}");
        }
    }

    /**
     * The first break of French typography in the visible text, but for text marked as another language, proper names and
     * code, each of which stands as one letter (so a plain space after it, before a colon, still counts). The text is
     * read as it is written ({@code getWholeText}): jsoup's normalised text turns no-break spaces into plain ones.
     */
    private static java.util.Optional<String> typography(Document doc) {
        StringBuilder visible = new StringBuilder();
        NodeTraversor.traverse((node, depth) -> {
            if (!(node instanceof TextNode text)) return;
            Element parent = text.parent();
            if (parent == null) return;
            visible.append(excepted(parent) ? "X" : text.getWholeText());
        }, doc.body());
        return FrenchTypography.firstFault(visible).map(FrenchTypography.Fault::message);
    }

    /** The English words of the visible text, but for proper names, text marked as another language, and code. */
    private static List<String> englishWords(Document doc) {
        List<String> found = new ArrayList<>();
        NodeTraversor.traverse((node, depth) -> {
            if (!(node instanceof TextNode text) || text.isBlank()) return;
            Element parent = text.parent();
            if (parent == null || excepted(parent)) return;
            String visible = text.text();
            for (String name : PROPER_NAMES) visible = visible.replace(name, " ");
            visible = IDENTIFIER.matcher(visible).replaceAll(" ");
            var m = WORD.matcher(visible);
            while (m.find()) {
                String word = m.group().toLowerCase(Locale.ROOT);
                if (ENGLISH.contains(word) && !m.group().equals(m.group().toUpperCase(Locale.ROOT))) found.add(word + " in «" + text.text().strip() + "»");
            }
        }, doc.body());
        return found;
    }

    private static boolean excepted(Element e) {
        for (Element x = e; x != null; x = x.parent()) {
            String tag = x.tagName();
            if (List.of("script", "style", "code", "pre", "textarea", "q", "blockquote", "noscript").contains(tag)) return true;
            if (x.hasAttr("lang") && !x.attr("lang").equals("fr") && !tag.equals("html")) return true;
            if (x.attr("translate").equals("no")) return true; // a name that stays as it is (the licence's)
            if (tag.equals("a") && NAMED.matcher(x.attr("href")).matches()) return true;
        }
        return false;
    }

    private static Document page(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path);
        Document doc = Jsoup.parse(response.body());
        assertNotNull(doc.selectFirst("head"), path);
        return doc;
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        // as a browser asks: /ontology and /graph/data answer data to other clients
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
