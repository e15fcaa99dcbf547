package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Node;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.ExampleQuery;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.TdbStore;
import org.junit.jupiter.api.Test;

/**
 * A bounded load run with Debian's wrk on loopback over a mix of pages, data documents and SPARQL queries,
 * while a checker samples the same URLs and compares their answers with what they must say. It asserts no
 * failed request and no wrong answer; throughput and latency go to target/load-test.txt as a report, never
 * as an assertion. Duration: {@code -Dload.seconds} (default 60), connections {@code -Dload.connections} (64).
 */
class WrkLoadTest {
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([0-9.]+\\w+)");

    /** One URL of the mix and a text its answer must contain. */
    private record Probe(String path, String accept, String mustContain) {}

    @Test
    void aLoadRunHasNoFailedRequestAndNoWrongAnswer() throws Exception {
        ExternalTool.require("wrk", "wrk");
        int seconds = Integer.getInteger("load.seconds", 60);
        int connections = Integer.getInteger("load.connections", 64);
        BuiltGraph built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        TdbStore store = TdbStore.inMemory();
        store.replaceGraphs(built.dataset(), (fmt, args) -> {});
        FusekiServer server = IbcrServer.create().port(0).dataset(store.dataset())
                .examples(ExampleQuery.fromFolder(Path.of("queries"))).build();
        server.start();
        String base = "http://127.0.0.1:" + server.getHttpPort();
        String hearings = Files.readString(Path.of("queries/03-hearings.rq"));
        List<Probe> probes = List.of(
                new Probe("/page/city/paris", "text/html", "<h1>Paris</h1>"),
                new Probe("/page/organisation/ibcr", "text/html", "International Bureau for Children&#39;s Rights"),
                new Probe("/page/milestone/international-tribunal", "text/html", "Tribunal hearing in Colombo"),
                new Probe("/data/city/paris.ttl", "text/turtle", "<https://w3id.org/ibcr/id/country/france>"),
                new Probe("/data/organisation/sida.jsonld", "application/ld+json", "Swedish International Development Cooperation Agency"),
                new Probe("/ibcr/sparql?query=" + URLEncoder.encode(hearings, StandardCharsets.UTF_8), "text/csv", "Colchester"),
                new Probe("/ibcr/sparql?query=" + URLEncoder.encode(
                        "SELECT (COUNT(*) AS ?n) { ?m a <https://w3id.org/ibcr/ontology#Milestone> }", StandardCharsets.UTF_8),
                        "text/csv", "33"));
        Path target = Path.of("target");
        Files.createDirectories(target);
        Path script = target.resolve("load-mix.lua");
        StringBuilder lua = new StringBuilder("local probes = {\n");
        for (Probe p : probes) lua.append("  {\"").append(p.path()).append("\", \"").append(p.accept()).append("\"},\n");
        lua.append("}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  local p = probes[(i % #probes) + 1]\n")
                .append("  return wrk.format(\"GET\", p[1], { [\"Accept\"] = p[2] })\nend\n");
        Files.writeString(script, lua);

        // The checker: samples every URL of the mix while wrk runs, and counts wrong answers.
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger checked = new AtomicInteger();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread checker = new Thread(() -> {
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < end) {
                for (Probe p : probes) {
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + p.path()))
                                .header("Accept", p.accept()).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                        checked.incrementAndGet();
                        if (r.statusCode() != 200 || !r.body().contains(p.mustContain())) {
                            wrong.add(p.path() + " -> " + r.statusCode());
                        }
                    } catch (IOException e) {
                        wrong.add(p.path() + " -> " + e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "load-checker");
        try {
            checker.start();
            ExternalTool.Result result = ExternalTool.run(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
                    "--latency", "--timeout", "10s", "-s", script.toString(), base + "/"));
            checker.join(Duration.ofSeconds(seconds + 60).toMillis());
            String out = result.out();
            assertEquals(0, result.code(), out + result.err());
            assertTrue(!out.contains("Non-2xx or 3xx responses"), "failed requests:\n" + out);
            assertTrue(!out.contains("Socket errors"), "socket errors:\n" + out);
            assertEquals(List.of(), wrong, "wrong answers while under load");
            assertTrue(checked.get() >= probes.size(), "the checker sampled " + checked.get() + " answers");

            Matcher rps = REQUESTS_PER_SECOND.matcher(out);
            Matcher total = TOTAL.matcher(out);
            StringBuilder report = new StringBuilder("Load run: wrk, 2 threads, " + connections + " connections, " + seconds
                    + " s, loopback, mix of " + probes.size() + " URLs (pages, data documents, SPARQL)\n");
            if (total.find()) report.append("requests: ").append(total.group(1)).append(" in ").append(total.group(2)).append('\n');
            if (rps.find()) report.append("throughput: ").append(rps.group(1)).append(" requests/s\n");
            Matcher pct = PERCENTILE.matcher(out);
            while (pct.find()) report.append("latency p").append(pct.group(1)).append(": ").append(pct.group(2)).append('\n');
            report.append("failed requests: 0; wrong answers: 0 of ").append(checked.get()).append(" sampled\n\n").append(out);
            Files.writeString(target.resolve("load-test.txt"), report);
            System.out.println(report.substring(0, report.indexOf("\n\n")));
        } finally {
            checker.interrupt();
            server.stop();
            store.close();
        }
    }
}
