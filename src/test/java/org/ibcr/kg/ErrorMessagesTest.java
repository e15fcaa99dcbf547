package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.fuseki.main.FusekiServer;
import org.ibcr.kg.model.FrenchTypography;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.publish.http.ErrorMessages;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.MemoryStore;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every refusal of the server in English and in French: the error bundles hold the same keys with the same
 * placeholders, every key the code names is in them, the French follows French typography; and over real HTTP a
 * French reader (Accept-Language, or {@code ?lang=fr} in the address) gets the French text, in plain text, JSON and
 * HTML, while an English reader keeps the English wording.
 */
class ErrorMessagesTest {
    /** A use of HttpError in the code, up to the end of its statement: where its message keys are named. */
    private static final Pattern CALL = Pattern.compile("HttpError[.\\w]*\\(([^;]*)");
    /** A string literal that names a message: a dotted lower-case key, or the start of one ("status." + status). */
    private static final Pattern KEY = Pattern.compile("\"([a-z]+(?:\\.[a-z0-9_]+)*\\.(?:[a-z0-9_]+)?)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private static FusekiServer server;
    private static String base;

    @BeforeAll
    static void start() {
        server = IbcrServer.create().port(0).dataset(MemoryStore.copyOf(GraphBuild.from(CsvHistory.open(Path.of("data"))).build().dataset()))
                .build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
    }

    @Test
    void everyMessageHasAFrenchTextWithTheSamePlaceholdersAndFrenchTypography() {
        assertEquals(ErrorMessages.keys("en"), ErrorMessages.keys("fr"), "the same keys in English and French");
        assertTrue(ErrorMessages.keys("en").size() > 60, "messages: " + ErrorMessages.keys("en").size());
        List<String> problems = new ArrayList<>();
        Pattern placeholder = Pattern.compile("\\{[0-9]\\}");
        for (String key : new TreeSet<>(ErrorMessages.keys("en"))) {
            String en = ErrorMessages.text("en", key);
            String fr = ErrorMessages.text("fr", key);
            if (fr.isBlank() || fr.equals(en)) problems.add(key + ": not translated");
            if (!placeholders(placeholder, en).equals(placeholders(placeholder, fr))) problems.add(key + ": other placeholders in French");
            FrenchTypography.firstFault(fr).ifPresent(f -> problems.add(key + ": " + f.message()));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noKeyIsWrittenTwiceInABundle() throws IOException {
        // a bundle keeps the last of two lines with one key: the first text would be lost without a word
        for (String lang : ErrorMessages.LANGUAGES) {
            Path file = Path.of("src/main/resources/messages/errors_" + lang + ".properties");
            Set<String> seen = new java.util.HashSet<>();
            List<String> twice = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String key = line.substring(0, line.indexOf('=')).strip();
                if (!seen.add(key)) twice.add(key);
            }
            assertEquals(List.of(), twice, file + ": keys written twice");
        }
    }

    @Test
    void aMessageGivenTooFewValuesIsRefusedWhereItIsMade() {
        assertThrows(IllegalArgumentException.class, () -> HttpError.badRequest("years.reversed", "1990"));
    }

    @Test
    void everyKeyTheCodeNamesIsAMessage() throws IOException {
        Set<String> keys = ErrorMessages.keys("en");
        List<String> unknown = new ArrayList<>();
        int named = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher call = CALL.matcher(Files.readString(file));
                while (call.find()) {
                    Matcher m = KEY.matcher(call.group(1));
                    while (m.find()) {
                        String key = m.group(1);
                        named++;
                        boolean known = key.endsWith(".") ? keys.stream().anyMatch(k -> k.startsWith(key)) : keys.contains(key);
                        if (!known) unknown.add(file.getFileName() + ": " + key);
                    }
                }
            }
        }
        assertTrue(named > 50, "keys named in the code: " + named);
        assertEquals(List.of(), unknown, "keys the code names that the bundles lack");
    }

    @Test
    void aPhraseInAMessageIsInTheMessagesLanguage() {
        HttpError error = HttpError.badRequest("fragments.blank", new HttpError.Phrase("fragments.position.object"), "_:b");
        assertEquals("Blank nodes are not addressable here: the object _:b matches nothing.", error.getMessage());
        assertEquals("Les nœuds anonymes ne sont pas adressables ici\u00a0: la valeur donnée pour l'objet (_:b) ne correspond à rien.",
                error.message("fr"));
        assertEquals("There is no resource {1}.", HttpError.notFound("resource.none", "{1}").message("en"), "a value is put in as it is");
    }

    // One case per line: the request (path, Accept, Accept-Language), the status, and the start of the message.
    @ParameterizedTest(name = "{0} Accept: {1}, Accept-Language: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", value = {
        "/page/city/nowhere                    | text/plain       | fr           | 404 | Il n'y a pas de ressource https://w3id.org/ibcr/id/city/nowhere.",
        "/page/city/nowhere?lang=fr            | text/plain       | -            | 404 | Il n'y a pas de ressource https://w3id.org/ibcr/id/city/nowhere.",
        "/page/city/nowhere                    | application/json | fr-CA, en;q=0.5 | 404 | Il n'y a pas de ressource https://w3id.org/ibcr/id/city/nowhere.",
        "/page/city/nowhere                    | text/plain       | en           | 404 | There is no resource https://w3id.org/ibcr/id/city/nowhere.",
        "/page/city/nowhere                    | text/plain       | -            | 404 | There is no resource https://w3id.org/ibcr/id/city/nowhere.",
        "/page/city/paris?lang=xx              | text/plain       | fr           | 400 | Langue inconnue\u00a0: utilisez lang=en ou lang=fr.",
        "/page/city/paris?lang=xx              | text/plain       | -            | 400 | Unknown language: use lang=en or lang=fr.",
        "/timeline?format=xls                  | application/json | fr           | 400 | Format inconnu\u00a0: utilisez format=html, format=csv ou format=json.",
        "/timeline?format=xls                  | application/json | en           | 400 | Unknown format: use format=html, format=csv or format=json.",
        "/search?q=x&from=abc                  | application/json | fr           | 400 | from= invalide\u00a0: donnez une année, telle que from=1995.",
        "/fragments?subject=_:b                | */*              | fr           | 400 | Les nœuds anonymes ne sont pas adressables ici\u00a0: la valeur donnée pour le sujet (_:b)",
        "/fragments?predicate=%22x%22          | */*              | fr           | 400 | Le prédicat doit être un IRI.",
        "/fragments?predicate=%22x%22          | */*              | en           | 400 | The predicate must be an IRI.",
        "/id/city/paris                        | image/png        | fr           | 406 | Aucun format demandé n'est disponible. Cette ressource est disponible en\u00a0: ",
        "/dumps/nothing.ttl                    | */*              | fr           | 404 | Pas de téléchargement de ce nom\u00a0: la liste est sur /dumps/.",
        "/graph/actors.xls                     | */*              | fr           | 404 | Les fichiers de graphe sont /graph/",
        "/graph/actors.gexf?from=1990&to=1980  | */*              | fr           | 400 | from=1990 est après to=1980.",
        "/nowhere                              | text/plain       | fr           | 404 | Il n'y a rien à cette adresse.",
        "/nowhere                              | text/plain       | en           | 404 | Nothing here.",
        // the checks in front of the site and the endpoint's limits: no page, the language of Accept-Language
        "/page/city/paris?stylesheet=x         | text/plain       | fr           | 400 | Le paramètre 'stylesheet' n'est pas pris en charge.",
        "/page/city/paris?stylesheet=x         | text/plain       | -            | 400 | The 'stylesheet' parameter is not supported.",
        "/ibcr/sparql?query=SELECT+*+WHERE+%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B   | text/csv | fr | 400 | La requête est trop imbriquée\u00a0: ce point d'accès prend des requêtes d'au plus 200 niveaux",
        "/ibcr/sparql?query=SELECT+*+WHERE+%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B%7B   | application/json | en | 400 | The query is too deeply nested: this endpoint takes queries nested up to 200 levels",
        "/ibcr/sparql                          | image/png        | fr           | 406 | Non acceptable. La description du service est disponible en\u00a0: ",
        "/ibcr/sparql?query=ASK%7B%7D          | image/png        | fr           | 406 | Non acceptable\u00a0: aucun format de résultats de ce point d'accès",
    })
    void aFrenchReaderGetsTheFrenchText(String path, String accept, String acceptLanguage, int status, String message) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept);
        if (acceptLanguage != null) request.header("Accept-Language", acceptLanguage);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        String said = accept.equals("application/json") ? JSON.parse(response.body()).get("message").getAsString().value() : response.body();
        assertTrue(said.startsWith(message), "expected «" + message + "», got «" + said + "»");
        assertEquals(isFrench(path, acceptLanguage) ? "fr" : "en", response.headers().firstValue("Content-Language").orElse(null), "Content-Language");
    }

    @Test
    void aFrenchErrorPageSaysItInFrench() throws Exception {
        for (String path : List.of("/page/city/nowhere?lang=fr", "/nowhere?lang=fr", "/timeline?format=xls&lang=fr")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            var page = Jsoup.parse(response.body());
            assertEquals("fr", page.selectFirst("html").attr("lang"), path);
            String message = page.selectFirst("p.message").wholeText();
            assertNotEquals(-1, message.indexOf(path.startsWith("/page") ? "Il n'y a pas de ressource"
                    : path.startsWith("/nowhere") ? "Il n'y a rien à cette adresse." : "Format inconnu\u00a0:"), path + ": " + message);
        }
    }

    /** What the case asks for: ?lang=fr, or else French first in Accept-Language. */
    private static boolean isFrench(String path, String acceptLanguage) {
        return path.contains("lang=fr") || acceptLanguage != null && acceptLanguage.startsWith("fr");
    }

    private static Set<String> placeholders(Pattern placeholder, String text) {
        Set<String> found = new TreeSet<>();
        placeholder.matcher(text).results().forEach(r -> found.add(r.group()));
        return found;
    }
}
