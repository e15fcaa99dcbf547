package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The search a reader uses ({@code /search}, {@code /search/suggest}, the box of every page, the OpenSearch
 * description) over the bundled data. The expected resources come from the data tables (labels and descriptions in
 * data/*.csv), found there by hand: for each search, the resources whose label holds the word in some form must come
 * before any other, in either language, with or without accents.
 */
class SearchTest {
    @RegisterExtension
    static final ServedBundle SERVED = ServedBundle.create();

    private static final String ID = "https://w3id.org/ibcr/id/";
    /** The tribunal and its four hearings: the labels with "Tribunal" in both languages. */
    private static final List<String> TRIBUNAL = List.of("milestone/international-tribunal", "milestone/tribunal-hearing-paris",
            "milestone/tribunal-hearing-fortaleza", "milestone/tribunal-hearing-colombo", "milestone/tribunal-hearing-colchester");
    /** The labels with "sécurité" (French) or "security" (English). */
    private static final List<String> SECURITY = List.of("group/justice-and-security-stakeholders", "group/security-force-personnel",
            "milestone/africa-security-forces-consultations", "milestone/burkina-faso-project-2015", "milestone/dr-congo-project-2015",
            "organisation/osce", "organisation/un-security-council", "topic/security-forces",
            "work/security-council-resolutions-children-armed-conflict");
    /** The labels with "Quebec" / "Québec". */
    private static final List<String> QUEBEC = List.of("group/quebec-authorities-and-professionals", "milestone/quebec-guidelines-development",
            "organisation/court-of-quebec", "organisation/court-of-quebec-youth-division", "work/quebec-guidelines");
    /** The labels with "trafficking" (English) and "traite" (French): the same eight resources. */
    private static final List<String> TRAFFICKING = List.of("milestone/child-trafficking-action-plan", "milestone/child-trafficking-study",
            "milestone/costa-rica-project-2015", "topic/child-trafficking", "topic/human-trafficking",
            "work/child-trafficking-action-plan-document", "work/child-trafficking-study-report", "work/training-for-trainers");
    /** The labels with the phrase "armed conflict" / "conflits armés". */
    private static final List<String> ARMED_CONFLICT = List.of("milestone/armed-conflict-guide-2010", "topic/children-affected-by-armed-conflict",
            "work/armed-conflict-guide", "work/security-council-resolutions-children-armed-conflict");
    private static final List<String> HEARINGS = List.of("milestone/tribunal-hearing-paris", "milestone/tribunal-hearing-fortaleza",
            "milestone/tribunal-hearing-colombo", "milestone/tribunal-hearing-colchester", "quantity/tribunal-hearings");

    private static final HttpClient http = BundledStore.client(HttpClient.Redirect.NEVER);

    /** A search, the reader's language, and the resources that must come first (in any order among themselves). */
    static Stream<Arguments> searches() {
        return Stream.of(
                Arguments.of("tribunaux", "fr", TRIBUNAL), // French plural of "tribunal"
                Arguments.of("Tribunal", "en", TRIBUNAL), // capital letter
                Arguments.of("tribunals", "en", TRIBUNAL), // English plural
                Arguments.of("securite", "fr", SECURITY), // accents left out
                Arguments.of("sécurité", "fr", SECURITY), // accents typed
                Arguments.of("quebec", "en", QUEBEC),
                Arguments.of("Québec", "fr", QUEBEC),
                Arguments.of("trafficking", "en", TRAFFICKING),
                Arguments.of("traite", "fr", TRAFFICKING),
                Arguments.of("\"armed conflict\"", "en", ARMED_CONFLICT), // a phrase
                Arguments.of("\"conflits armés\"", "fr", ARMED_CONFLICT),
                Arguments.of("moral", "en", List.of("milestone/international-tribunal")), // only in a description
                Arguments.of("remedies", "en", List.of("milestone/international-tribunal", "topic/access-to-justice")), // descriptions
                Arguments.of("DPKO", "en", List.of("organisation/un-peacekeeping-department")), // an acronym, no language
                Arguments.of("droits de l'enfant", "fr", List.of("topic/childrens-rights")), // stop words and elision
                Arguments.of("bien-etre", "fr", List.of("topic/child-wellbeing")),
                Arguments.of("hearings", "en", HEARINGS),
                Arguments.of("senegal", "en", List.of("country/senegal", "milestone/senegal-mali-projects-2020")),
                Arguments.of("Sénégal", "fr", List.of("country/senegal", "milestone/senegal-mali-projects-2020")));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("searches")
    void searchPutsTheExpectedResourcesFirst(String q, String lang, List<String> first) throws Exception {
        List<String> found = iris(json("/search?q=" + encode(q) + "&lang=" + lang).get("results").getAsArray());
        assertTrue(found.size() >= first.size(), q + ": found only " + found);
        assertEquals(expected(first), new LinkedHashSet<>(found.subList(0, first.size())), q + ": the first results, of " + found);
    }

    @Test
    void aWordThatMatchesNothingFindsNothingAndSaysSo() throws Exception {
        JsonObject answer = json("/search?q=zzyzx&lang=en");
        assertEquals(0, answer.get("count").getAsNumber().value().intValue());
        assertTrue(answer.get("results").getAsArray().isEmpty());
        Document page = html("/search?q=zzyzx&lang=fr");
        assertEquals("Rien ne correspond à ces mots. Essayez avec moins de mots, une autre forme de ces mots, ou l'autre langue.",
                page.getElementById("search-none").text());
    }

    static Stream<Arguments> prefixes() {
        return Stream.of(
                Arguments.of("tri", "en", TRIBUNAL),
                Arguments.of("secu", "en", SECURITY), // "security" and "sécurité"
                Arguments.of("sécu", "fr", SECURITY),
                Arguments.of("tribunaux", "en", TRIBUNAL), // a whole word in another form
                Arguments.of("child traf", "en", List.of("milestone/child-trafficking-action-plan", "milestone/child-trafficking-study",
                        "milestone/costa-rica-project-2015", "topic/child-trafficking", "work/child-trafficking-action-plan-document",
                        "work/child-trafficking-study-report", "work/training-for-trainers")));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("prefixes")
    void suggestionsAreTheLabelsThatStartWithWhatWasTyped(String q, String lang, List<String> expected) throws Exception {
        JsonObject answer = json("/search/suggest?q=" + encode(q) + "&lang=" + lang);
        JsonArray suggestions = answer.get("suggestions").getAsArray();
        assertEquals(expected(expected), new LinkedHashSet<>(iris(suggestions)), q);
        for (JsonValue s : suggestions) {
            String href = s.getAsObject().get("href").getAsString().value();
            assertTrue(href.startsWith("/page/"), "a suggestion links to its page: " + href);
            assertFalse(s.getAsObject().get("label").getAsString().value().isBlank());
        }
    }

    @Test
    void suggestionsInOpenSearchFormForABrowsersBar() throws Exception {
        HttpResponse<String> r = get("/search/suggest?q=tri&lang=fr&format=opensearch", null);
        assertEquals("application/x-suggestions+json", r.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        JsonArray a = JSON.parseAny(r.body()).getAsArray();
        assertEquals("tri", a.get(0).getAsString().value());
        assertTrue(a.get(1).getAsArray().stream().anyMatch(v -> v.getAsString().value().equals("Audience du Tribunal à Paris")), r.body());
    }

    @Test
    void pageGroupsResultsByClassWithLabelsSnippetsAndLinks() throws Exception {
        Document page = html("/search?q=tribunal&lang=en");
        Element milestones = page.getElementById("group-milestone");
        assertTrue(milestones.selectFirst("h2").text().startsWith("Milestone"), milestones.selectFirst("h2").text());
        Element paris = milestones.selectFirst("a[href=/page/milestone/tribunal-hearing-paris?lang=en]");
        assertEquals("Tribunal hearing in Paris", paris.text());
        Element snippet = paris.parent().selectFirst(".snippet");
        assertEquals("Tribunal", snippet.selectFirst("mark").text(), "the matched word is marked");
        // French page, French labels and snippets, even for an English word
        Document fr = html("/search?q=hearing&lang=fr");
        Element frParis = fr.selectFirst("a[href=/page/milestone/tribunal-hearing-paris?lang=fr]");
        assertEquals("Audience du Tribunal à Paris", frParis.text());
        assertEquals("Recherche : hearing", fr.selectFirst("h1").text().replace('\u00a0', ' '));
    }

    @Test
    void facetsNarrowByClassAndByDecade() throws Exception {
        JsonObject all = json("/search?q=trafficking&lang=en");
        int total = all.get("count").getAsNumber().value().intValue();
        int works = facetCount(all.get("classes").getAsArray(), "work");
        assertEquals(4, works, "three works have trafficking in their label, the toolkit in its description (data/works.csv)");
        JsonObject first = all.get("results").getAsArray().get(0).getAsObject();
        assertEquals("label", first.get("field").getAsString().value(), "a label, which counts most, matched first: " + first);
        JsonObject onlyWorks = json("/search?q=trafficking&lang=fr&class=work");
        JsonObject work = onlyWorks.get("results").getAsArray().get(0).getAsObject();
        assertEquals("Œuvre", work.get("classLabel").getAsString().value(), "the class as a French reader reads it: " + work);
        assertEquals(works, onlyWorks.get("count").getAsNumber().value().intValue());
        for (JsonValue r : onlyWorks.get("results").getAsArray()) assertEquals("work", r.getAsObject().get("class").getAsString().value());
        // the four works are of 2005 (data/works.csv), so the 2000s hold them
        JsonObject worksOf2000s = json("/search?q=trafficking&lang=en&class=work&from=2000&to=2009");
        assertEquals(works, worksOf2000s.get("count").getAsNumber().value().intValue());
        JsonObject worksOf1990s = json("/search?q=trafficking&lang=en&class=work&from=1990&to=1999");
        assertEquals(0, worksOf1990s.get("count").getAsNumber().value().intValue());
        assertTrue(total > works);
        // the page offers the facets as links
        Document page = html("/search?q=trafficking&lang=en");
        assertTrue(page.select("#facet-class a").stream().anyMatch(a -> a.attr("href").contains("class=work")));
        assertEquals("By decade", page.selectFirst(".facets h2:nth-of-type(2)").text());
        assertTrue(page.select("#facet-decade a").stream().anyMatch(a -> a.text().equals("2000s") && a.attr("href").contains("from=2000&to=2009")));
    }

    /**
     * Searches take turns over the index (one per core): many at once all answer, each as it does alone, with its
     * count and its page.
     */
    @Test
    void manySearchesAtOnceAnswerAsEachDoesAlone() throws Exception {
        List<String> paths = List.of("/search?q=children&lang=en", "/search?q=tribunaux&lang=fr", "/search?q=%22armed+conflict%22&lang=en",
                "/search?q=securite&lang=fr", "/search?q=children&lang=en&page=2", "/search?q=zzyzx&lang=en");
        java.util.Map<String, String> alone = new java.util.HashMap<>();
        for (String p : paths) alone.put(p, answerOf(json(p)));
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 96; i++) {
                String p = paths.get(i % paths.size());
                answers.add(clients.submit(() -> answerOf(json(p))));
            }
            for (int i = 0; i < answers.size(); i++) {
                String p = paths.get(i % paths.size());
                // a bound on the wait, so that searches stuck waiting their turn fail the test rather than hang it
                assertEquals(alone.get(p), answers.get(i).get(2, java.util.concurrent.TimeUnit.MINUTES), p);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** What a reader sees of a search's answer: its count and its page's resources, in order. */
    private static String answerOf(JsonObject answer) {
        return answer.get("count").getAsNumber().value() + " " + iris(answer.get("results").getAsArray());
    }

    /** A page shows 20 results; the count, the facets and page=2 cover them all. */
    @Test
    void resultsComeAPageAtATimeAndAreAllCounted() throws Exception {
        JsonObject first = json("/search?q=children&lang=en");
        int count = first.get("count").getAsNumber().value().intValue();
        assertTrue(count > 20, "enough results for two pages: " + count);
        List<String> one = iris(first.get("results").getAsArray());
        assertEquals(20, one.size());
        int byClass = first.get("classes").getAsArray().stream()
                .mapToInt(f -> f.getAsObject().get("count").getAsNumber().value().intValue()).sum();
        assertEquals(count, byClass, "the class facet counts every result, not the page's");
        assertEquals("/search?q=children&lang=en&page=2", first.get("next").getAsString().value());
        JsonObject second = json("/search?q=children&lang=en&page=2");
        List<String> two = iris(second.get("results").getAsArray());
        assertEquals(Math.min(20, count - 20), two.size());
        assertTrue(two.stream().noneMatch(one::contains), "page 2 goes on from page 1: " + one + " / " + two);
        Document fr = html("/search?q=children&lang=fr&page=2");
        assertEquals("Résultats 21 à " + (20 + two.size()) + " sur " + count + ", les meilleurs d'abord.", fr.getElementById("search-shown").text());
        assertEquals("/search?q=children&lang=fr", fr.selectFirst("a[rel=prev]").attr("href"));
        for (String bad : List.of("0", "51", "x")) assertEquals(400, get("/search?q=children&page=" + bad, null).statusCode(), bad);
    }

    @Test
    void whatTheReaderTypedIsEscaped() throws Exception {
        String typed = "<script>alert(1)</script>";
        HttpResponse<String> r = get("/search?q=" + encode(typed) + "&lang=en", "text/html");
        assertEquals(200, r.statusCode());
        assertFalse(r.body().contains(typed), "the search is written as text, never as markup");
        Document page = Jsoup.parse(r.body());
        assertEquals(typed, page.getElementById("search-q").val());
        assertTrue(page.select("main script, h1 script").isEmpty());
    }

    @Test
    void badParametersAre400() throws Exception {
        assertEquals(400, get("/search?q=" + "a".repeat(201), null).statusCode());
        assertEquals(400, get("/search?q=x&from=abc", null).statusCode());
        assertEquals(400, get("/search?q=x&from=2000&to=1990", null).statusCode());
        assertEquals(400, get("/search?q=x&class=%3Cb%3E", null).statusCode());
        assertEquals(406, get("/search?q=x", "image/png").statusCode());
    }

    @Test
    void everyPageHasTheSearchBoxAndTheOpenSearchLink() throws Exception {
        for (String path : List.of("/", "/timeline", "/page/milestone/international-tribunal", "/map", "/search")) {
            Document page = html(path + "?lang=fr");
            Element form = page.selectFirst("header form[role=search]");
            assertEquals("/search", form.attr("action"), path);
            assertEquals("get", form.attr("method"), path);
            assertEquals("q", form.selectFirst("#search-box").attr("name"), path);
            assertEquals("fr", form.selectFirst("input[type=hidden][name=lang]").val(), path + ": the box keeps the language");
            Element link = page.selectFirst("head link[rel=search]");
            assertEquals("application/opensearchdescription+xml", link.attr("type"), path);
            assertEquals("/opensearch.xml?lang=fr", link.attr("href"), path);
            assertEquals("/search.js", page.selectFirst("head script[src]").attr("src"), path);
        }
    }

    @Test
    void openSearchDescription() throws Exception {
        HttpResponse<String> r = get("/opensearch.xml?lang=fr", null);
        assertEquals(200, r.statusCode());
        assertEquals("application/opensearchdescription+xml", r.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        Document xml = Jsoup.parse(r.body(), "", org.jsoup.parser.Parser.xmlParser());
        assertEquals("IBCR KG", xml.selectFirst("ShortName").text());
        assertEquals(SERVED.base() + "/search?q={searchTerms}&lang=fr", xml.selectFirst("Url[type=text/html]").attr("template"));
        assertEquals("fr", xml.selectFirst("Language").text());
    }

    /** The example of queries/ through the SPARQL endpoint answers what QueriesTest expects of it in-process. */
    @Test
    void textQueryOnTheEndpoint() throws Exception {
        String query = java.nio.file.Files.readString(java.nio.file.Path.of("queries", "22-full-text-search.rq"));
        HttpResponse<String> r = get("/ibcr/sparql?query=" + encode(query), "text/csv");
        assertEquals(200, r.statusCode(), r.body());
        String expected = java.nio.file.Files.readString(java.nio.file.Path.of("src", "test", "resources", "queries", "22-full-text-search.csv"));
        assertEquals(expected.strip(), r.body().replace("\r\n", "\n").strip());
    }

    @Test
    void scriptIsAStaticFile() throws Exception {
        HttpResponse<String> r = get("/search.js", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
    }

    // ---- helpers

    private static int facetCount(JsonArray facets, String key) {
        for (JsonValue f : facets) {
            if (f.getAsObject().get("key").getAsString().value().equals(key)) return f.getAsObject().get("count").getAsNumber().value().intValue();
        }
        return 0;
    }

    private static Set<String> expected(List<String> paths) {
        Set<String> set = new LinkedHashSet<>();
        for (String p : paths) set.add(ID + p);
        return set;
    }

    private static List<String> iris(JsonArray results) {
        List<String> iris = new ArrayList<>();
        for (JsonValue r : results) iris.add(r.getAsObject().get("iri").getAsString().value());
        return iris;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonObject json(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path, "application/json");
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow().split(";")[0], path);
        return JSON.parse(r.body());
    }

    private static Document html(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path, "text/html");
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Jsoup.parse(r.body());
    }

    private static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(SERVED.base() + path));
        if (accept != null) b.header("Accept", accept);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
