package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.publish.http.SecurityHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Browser-side defences and request bodies (issue 15, classes 4, 6 and 7): every HTML page carries a
 * Content-Security-Policy that it meets, nosniff, frame and referrer policies; TRACE is refused on every route;
 * a form with 10,000 fields is a 400; a gzip body that inflates far past --max-body is a 413, at once and for
 * several at the same time.
 */
class BrowserDefencesTest {
    @RegisterExtension
    static final ServedBundle SERVED = ServedBundle.create();

    private static final List<String> PAGES = List.of("/", "/?lang=fr", "/id/city/paris", "/page/city/paris", "/id/organisation/ibcr",
            "/timeline", "/graph", "/query", "/ontology", "/dumps/", "/no/such/page", IbcrServer.UI);
    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    private static HttpClient http;

    @BeforeAll
    static void start() {
        http = BundledStore.client(HttpClient.Redirect.NORMAL);
    }

    @Test
    void everyPageCarriesAPolicyItMeets() throws Exception {
        for (String page : PAGES) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(SERVED.base() + page)).header("Accept", "text/html").build(),
                    BodyHandlers.ofString());
            String where = page + " (" + r.statusCode() + ")";
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), where + " is not HTML");
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), where);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), where);
            assertTrue(r.headers().firstValue("Referrer-Policy").isPresent(), where + ": no Referrer-Policy");
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), where + ": " + csp);
            String scriptSrc = directive(csp, "script-src");
            assertTrue(!scriptSrc.contains("'unsafe-inline'"), where + ": inline script allowed: " + csp);
            String body = r.body();
            Matcher script = SCRIPT.matcher(body);
            while (script.find()) {
                String attributes = script.group(1);
                boolean external = attributes.contains("src=");
                boolean data = attributes.contains("application/ld+json");
                assertTrue(external || data, where + ": an inline script the policy forbids: <script" + attributes + ">");
                if (external) {
                    String src = attributes.replaceAll("(?s).*src=\"([^\"]*)\".*", "$1");
                    assertTrue(src.startsWith("/") || src.startsWith("./") || src.startsWith(SERVED.base()), where + ": a script from elsewhere: " + src);
                }
            }
            Matcher handler = HANDLER.matcher(body);
            assertTrue(!handler.find(), where + ": an inline event handler: " + (handler.hitEnd() ? "" : handler.group()));
            for (String hash : SecurityHeaders.styleHashes(body)) {
                assertTrue(directive(csp, "style-src").contains(hash) || directive(csp, "style-src").contains("'unsafe-inline'"),
                        where + ": an inline style block whose hash " + hash + " the policy does not list: " + csp);
            }
        }
    }

    private static String directive(String csp, String name) {
        for (String d : csp.split(";")) {
            if (d.strip().startsWith(name + " ")) return d.strip();
        }
        return "";
    }

    @Test
    void traceIsRefusedOnEveryRoute() throws Exception {
        List<String> routes = new ArrayList<>(PAGES);
        routes.addAll(List.of(IbcrServer.DATASET + "/sparql", IbcrServer.DATASET + "/query", IbcrServer.DATASET + "/get", "/$/ping",
                "/$/stats", "/$/metrics", "/$/server", "/graph/actors.json", "/data/city/paris", "/dumps/ibcr.nt", "/site.css",
                "/.well-known/void", "/sitemap.xml", "/robots.txt"));
        for (String route : routes) {
            String answer = raw("TRACE " + route + " HTTP/1.1\r\nHost: x\r\nCookie: trace-echo=1\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 405"), route + ": " + answer);
            assertTrue(!answer.contains("trace-echo"), route + ": the request is echoed");
        }
    }

    @Test
    void aFormWithTenThousandFieldsIsABadRequest() throws Exception {
        StringBuilder form = new StringBuilder("query=" + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8));
        for (int i = 0; i < 10_000; i++) form.append("&f").append(i).append("=x");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(SERVED.base() + IbcrServer.DATASET + "/sparql"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(form.toString())).build(),
                BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(!r.body().contains("java.") && !r.body().isBlank(), r.body());
    }

    /** 200 MB of zeros in 200 kB of gzip, four at once: each refused with 413 once 1 MiB is inflated, long before the rest. */
    @Test
    void aCompressedBodyIsBoundedOnceInflated() throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(packed)) {
            gz.write("ASK { FILTER(\"".getBytes(StandardCharsets.UTF_8));
            byte[] zeros = new byte[1 << 20];
            java.util.Arrays.fill(zeros, (byte) 'a');
            for (int i = 0; i < 200; i++) gz.write(zeros);
        }
        byte[] bomb = packed.toByteArray();
        assertTrue(bomb.length < IbcrServer.DEFAULT_MAX_BODY, "the compressed body itself is under the limit: " + bomb.length);
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(SERVED.base() + IbcrServer.DATASET + "/sparql"))
                    .header("Content-Type", "application/sparql-query").header("Content-Encoding", "gzip")
                    .POST(BodyPublishers.ofByteArray(bomb)).build(), BodyHandlers.ofString()));
        }
        for (var a : answers) {
            HttpResponse<String> r = a.get();
            assertEquals(413, r.statusCode(), r.body());
            assertTrue(r.body().contains("inflated"), r.body());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // inflating all 200 MB takes seconds; stopping at 1 MiB, well under one even on a loaded machine
        assertTrue(seconds < 5, "four bombs answered after " + seconds + " s");
        // and a small gzip body is inflated and answered as usual
        ByteArrayOutputStream small = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(small)) {
            gz.write("ASK { ?s ?p ?o }".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(SERVED.base() + IbcrServer.DATASET + "/sparql"))
                .header("Content-Type", "application/sparql-query").header("Content-Encoding", "gzip").header("Accept", "application/sparql-results+json")
                .POST(BodyPublishers.ofByteArray(small.toByteArray())).build(), BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().replaceAll("\\s", "").contains("\"boolean\":true"), ok.body());
    }

    private static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", SERVED.server().getHttpPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
