package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.fuseki.main.FusekiServer;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.store.TdbStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new data version rolled out while clients read (issue 17): wrk at 32 connections asks a mix of SPARQL queries
 * and a page, answered from the result and page caches, while one update, in one transaction, gives every milestone
 * a new English label. Every answer wrk gets must be wholly of the old version or wholly of the new, never a mix
 * (checked by its Lua script, answer by answer); and a client asking in turn on one connection, once it has seen the
 * new version, never again gets the old one: no cache serves the old version after the new one is committed.
 */
class RolloutTest {
    private static final String DATA = "https://w3id.org/ibcr/graph/data";
    private static final String LABELS = """
            PREFIX ibcr: <https://w3id.org/ibcr/ontology#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?l { ?m a ibcr:Milestone ; rdfs:label ?l FILTER(LANG(?l) = "en") } ORDER BY ?l""";
    private static final String MARKED = """
            PREFIX ibcr: <https://w3id.org/ibcr/ontology#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT (COUNT(*) AS ?n) { ?m a ibcr:Milestone ; rdfs:label ?l FILTER(LANG(?l) = "en" && STRENDS(?l, "(v2)")) }""";
    private static final String NEW_VERSION = """
            PREFIX ibcr: <https://w3id.org/ibcr/ontology#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            DELETE { GRAPH <%1$s> { ?m rdfs:label ?l } } INSERT { GRAPH <%1$s> { ?m rdfs:label ?v2 } }
            WHERE { GRAPH <%1$s> { ?m a ibcr:Milestone ; rdfs:label ?l FILTER(LANG(?l) = "en") }
                    BIND(STRLANG(CONCAT(STR(?l), " (v2)"), "en") AS ?v2) }""".formatted(DATA);
    private static final String PAGE = "/page/milestone/tribunal-hearing-paris";
    private static final Pattern TALLY = Pattern.compile("old (\\d+) new (\\d+) mixed (\\d+) wrong (\\d+)");

    @TempDir
    Path dir;
    private TdbStore store;
    private FusekiServer server;
    private Path passwd;
    private final HttpClient http = BundledStore.client(HttpClient.Redirect.NEVER);

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.stop();
        if (store != null) store.close();
        if (passwd != null) Files.deleteIfExists(passwd);
    }

    private static String sparql(String query) {
        return "/ibcr/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    /** "old", "new", "mixed" or "wrong": what version an answer of the mix is of, by its content. */
    static String version(String body, int milestones) {
        if (body.contains("<h1>Tribunal hearing in Paris (v2)</h1>")) return "new";
        if (body.contains("<h1>Tribunal hearing in Paris</h1>")) return "old";
        List<String> lines = body.lines().toList();
        if (lines.size() == 2 && lines.get(0).strip().equals("n")) {
            String n = lines.get(1).strip();
            return n.equals("0") ? "old" : n.equals(Integer.toString(milestones)) ? "new" : "mixed";
        }
        if (lines.size() == milestones + 1 && lines.get(0).strip().equals("l")) {
            long marked = lines.stream().skip(1).filter(l -> l.contains("(v2)")).count();
            return marked == 0 ? "old" : marked == milestones ? "new" : "mixed";
        }
        return "wrong";
    }

    @Test
    void everyAnswerIsOfTheOldOrTheNewVersionAndTheOldIsNeverSeenAgain() throws Exception {
        ExternalTool.require("wrk", "wrk");
        store = BundledStore.open();
        passwd = Files.createTempFile("ibcr-passwd", ".txt", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwd, "admin: s3cret\n");
        server = IbcrServer.create().port(0).dataset(store.dataset()).updatesFor(passwd).build().start();
        String base = "http://127.0.0.1:" + server.getHttpPort();
        List<String> mix = List.of(sparql(LABELS), sparql(MARKED), PAGE);
        HttpResponse<String> labels = http.send(HttpRequest.newBuilder(URI.create(base + mix.get(0))).header("Accept", "text/csv").build(),
                BodyHandlers.ofString());
        int milestones = (int) labels.body().lines().count() - 1;
        assertTrue(milestones >= 18, labels.body());
        for (String path : mix) assertEquals("old", version(get(base, path), milestones), path);

        // wrk's Lua script tells each answer's version as version() does, and tallies them
        String lua = """
                local paths = { %s }
                local milestones = %d
                local threads = {}
                function setup(thread) table.insert(threads, thread) end
                function init(args) i = 0; old = 0; new = 0; mixed = 0; wrong = 0 end
                function request()
                  i = i + 1
                  local p = paths[(i %% #paths) + 1]
                  local accept = "text/csv"
                  if string.sub(p, 1, 6) == "/page/" then accept = "text/html" end
                  return wrk.format("GET", p, { ["Accept"] = accept })
                end
                local function version(body)
                  if string.find(body, "<h1>Tribunal hearing in Paris (v2)</h1>", 1, true) then return "new" end
                  if string.find(body, "<h1>Tribunal hearing in Paris</h1>", 1, true) then return "old" end
                  local lines = {}
                  for line in string.gmatch(body, "[^\\r\\n]+") do table.insert(lines, line) end
                  if #lines == 2 and lines[1] == "n" then
                    if lines[2] == "0" then return "old" elseif lines[2] == tostring(milestones) then return "new" else return "mixed" end
                  end
                  if #lines == milestones + 1 and lines[1] == "l" then
                    local marked = 0
                    for k = 2, #lines do if string.find(lines[k], "(v2)", 1, true) then marked = marked + 1 end end
                    if marked == 0 then return "old" elseif marked == milestones then return "new" else return "mixed" end
                  end
                  return "wrong"
                end
                function response(status, headers, body)
                  local v = "wrong"
                  if status == 200 then v = version(body) end
                  if v == "old" then old = old + 1 elseif v == "new" then new = new + 1 elseif v == "mixed" then mixed = mixed + 1 else wrong = wrong + 1 end
                end
                function done(summary, latency, requests)
                  local o, n, m, w = 0, 0, 0, 0
                  for _, t in ipairs(threads) do o = o + t:get("old"); n = n + t:get("new"); m = m + t:get("mixed"); w = w + t:get("wrong") end
                  io.write(string.format("old %%d new %%d mixed %%d wrong %%d\\n", o, n, m, w))
                end
                """.formatted(String.join(", ", mix.stream().map(p -> "\"" + p + "\"").toList()), milestones);
        Path script = dir.resolve("rollout.lua");
        Files.writeString(script, lua);

        // a client on one connection asking in turn: once it has seen the new version, it must never see the old
        List<String> stale = Collections.synchronizedList(new ArrayList<>());
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            boolean newSeen = false;
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                String path = mix.get(i % mix.size());
                try {
                    String v = version(get(base, path), milestones);
                    seen.add(v);
                    if (v.equals("new")) newSeen = true;
                    else if (newSeen || !v.equals("old")) stale.add(path + " -> " + v + (newSeen ? " after the new version was seen" : ""));
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    stale.add(path + " -> " + e);
                }
            }
        }, "rollout-reader");

        int seconds = 12;
        Process load = new ProcessBuilder("wrk", "-t2", "-c32", "-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(), base)
                .redirectErrorStream(true).redirectOutput(dir.resolve("wrk.txt").toFile()).start();
        try {
            reader.start();
            Thread.sleep(4000);
            HttpResponse<String> update = http.send(HttpRequest.newBuilder(URI.create(base + "/ibcr/update"))
                    .header("Content-Type", "application/sparql-update")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8)))
                    .POST(BodyPublishers.ofString(NEW_VERSION)).build(), BodyHandlers.ofString());
            assertEquals(2, update.statusCode() / 100, update.body());
            for (String path : mix) assertEquals("new", version(get(base, path), milestones), "right after the update: " + path);
            assertTrue(load.waitFor(seconds + 60, TimeUnit.SECONDS), "wrk did not finish");
        } finally {
            reader.interrupt();
            reader.join(30_000);
            load.destroyForcibly();
        }
        String out = Files.readString(dir.resolve("wrk.txt"));
        System.out.println("Rollout run (wrk, 32 connections, " + seconds + " s, new version at 4 s):\n" + out);
        assertEquals(0, load.exitValue(), out);
        assertFalse(out.contains("Non-2xx or 3xx responses"), out);
        assertFalse(out.contains("Socket errors"), out);
        Matcher tally = TALLY.matcher(out);
        assertTrue(tally.find(), out);
        assertEquals("0", tally.group(3), "answers mixing the versions:\n" + out);
        assertEquals("0", tally.group(4), "wrong answers:\n" + out);
        assertTrue(Long.parseLong(tally.group(1)) > 0 && Long.parseLong(tally.group(2)) > 0, "wrk saw both versions:\n" + out);
        assertEquals(List.of(), stale, "the reader on one connection");
        assertTrue(seen.contains("old") && seen.contains("new"), "the reader saw both versions: " + seen.size() + " answers");
    }

    private String get(String base, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", path.startsWith("/page/") ? "text/html" : "text/csv").timeout(Duration.ofSeconds(30)).build(),
                BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : "status " + r.statusCode();
    }
}
