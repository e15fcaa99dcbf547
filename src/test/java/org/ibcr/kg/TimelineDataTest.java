package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /timeline} as data: CSV and JSON by {@code Accept} or {@code ?format=}, one row per milestone in the order
 * of the page, with its years, places, participants and roles, labels in the reader's language; the page for a
 * browser; 406 and 400 for what it cannot answer.
 */
class TimelineDataTest {
    @RegisterExtension
    static final ServedBundle SERVED = ServedBundle.create();

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String HEARING = "https://w3id.org/ibcr/id/milestone/tribunal-hearing-paris";

    private static HttpClient http;
    private static List<String> pageLabels;

    @BeforeAll
    static void start() throws Exception {
        http = BundledStore.client(HttpClient.Redirect.NEVER);
        HttpResponse<String> page = get("/timeline?lang=en", BROWSER);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), "a browser gets the page");
        Document doc = Jsoup.parse(page.body());
        pageLabels = new ArrayList<>();
        doc.select("li.milestone h2 a").forEach(a -> pageLabels.add(a.text()));
        assertTrue(pageLabels.size() > 20, "the page lists the milestones");
    }

    @Test
    void csvHasOneRowPerMilestoneInThePagesOrder() throws Exception {
        HttpResponse<String> response = get("/timeline?lang=en", "text/csv");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), response.headers().map().toString());
        assertTrue(response.headers().allValues("Vary").toString().contains("Accept"), "varies by Accept");
        List<CSVRecord> rows;
        try (CSVParser csv = CSVParser.parse(new StringReader(response.body()), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(List.of("milestone", "label", "years", "start_year", "end_year", "not_before", "not_after", "part_of", "part_of_label",
                    "places", "place_labels", "agents", "agent_labels", "agent_roles"), csv.getHeaderNames());
            rows = csv.getRecords();
        }
        assertEquals(pageLabels, rows.stream().map(r -> r.get("label")).toList(), "the page's milestones, in its order");
        CSVRecord hearing = rows.stream().filter(r -> r.get("milestone").equals(HEARING)).findFirst().orElseThrow();
        assertTrue(hearing.get("places").contains("https://w3id.org/ibcr/id/city/paris"), hearing.toString());
        assertTrue(hearing.get("place_labels").contains("Paris"), hearing.toString());
        assertEquals("https://w3id.org/ibcr/id/milestone/international-tribunal", hearing.get("part_of"));
        String[] agents = hearing.get("agents").split(" ");
        assertEquals(agents.length, hearing.get("agent_labels").split("; ").length, "a label per agent");
        assertEquals(agents.length, hearing.get("agent_roles").split("; ").length, "roles per agent");
        for (CSVRecord r : rows) {
            if (!r.get("start_year").isEmpty()) assertTrue(r.get("years").contains(r.get("start_year")), r.toString());
        }
    }

    @Test
    void jsonHasTheSameMilestonesWithTheirParticipantsAndRoles() throws Exception {
        HttpResponse<String> response = get("/timeline", "application/json");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonArray milestones = JSON.parse(response.body()).get("milestones").getAsArray();
        assertEquals(pageLabels.size(), milestones.size());
        JsonObject hearing = milestones.stream().map(JsonValue::getAsObject)
                .filter(m -> m.get("milestone").getAsString().value().equals(HEARING)).findFirst().orElseThrow();
        assertTrue(hearing.get("places").getAsArray().stream().anyMatch(p -> p.getAsObject().get("label").getAsString().value().equals("Paris")));
        JsonArray participants = hearing.get("participants").getAsArray();
        assertTrue(participants.size() > 0, "its participants");
        for (JsonValue p : participants) {
            assertTrue(p.getAsObject().get("agent").getAsObject().get("iri").getAsString().value().startsWith("https://w3id.org/ibcr/id/"));
            assertTrue(p.getAsObject().get("roles").getAsArray().size() > 0, "each with a role");
        }
    }

    @Test
    void formatInTheAddressWinsAndLabelsFollowTheLanguage() throws Exception {
        HttpResponse<String> csv = get("/timeline?format=csv&lang=fr", BROWSER);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals("fr", csv.headers().firstValue("Content-Language").orElse(""));
        assertTrue(csv.body().contains("Tribunal international des droits de l'enfant"), "French labels");
        HttpResponse<String> json = get("/timeline?format=json", "text/csv");
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(get("/timeline?format=html", "text/csv").headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        Document page = Jsoup.parse(get("/timeline?lang=fr", BROWSER).body());
        assertEquals(200, get(page.selectFirst(".timeline-data a[type=text/csv]").attr("href"), "*/*").statusCode(), "the page links to its data");
    }

    @Test
    void whatItCannotAnswerIsRefused() throws Exception {
        assertEquals(406, get("/timeline", "image/png").statusCode());
        assertEquals(400, get("/timeline?format=xls", "*/*").statusCode());
    }

    private static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(SERVED.base() + path)).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }
}
