package org.ibcr.kg.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run of the class-data sharing archive that the build writes beside the jar. Maven runs
 * <pre>{@code
 * java -XX:ArchiveClassesAtExit=target/ibcr-kg.jsa -cp target/ibcr-kg.jar org.ibcr.kg.cli.StartupTraining
 * }</pre>
 * which serves the bundled data on a free port, asks what a first visitor asks (a query, the home page, a resource's
 * page and data), and exits; the JVM then writes the classes it loaded, already parsed and verified, into the
 * archive. {@code java -XX:SharedArchiveFile=target/ibcr-kg.jsa -jar target/ibcr-kg.jar serve} maps them instead
 * of loading some 5 000 classes from the jar, and answers its first query in about half the time (see
 * {@code src/site/markdown/performance.md}). The JVM ignores an archive that is missing or was written for
 * another jar or JDK. A failed run is no build failure (a curator may build the tool to check broken data): it
 * says why and leaves a smaller archive.
 */
public final class StartupTraining {
    private static final Pattern ENDPOINT = Pattern.compile("SPARQL endpoint:\\s+(http://\\S+)/ibcr/sparql");
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private StartupTraining() {}

    public static void main(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStream printed = new OutputStream() { // serve's address, read while it runs
            @Override
            public void write(int b) {
                synchronized (out) {
                    out.write(b);
                }
            }
        };
        Thread serve = new Thread(() -> Main.run(printed, System.err, "serve", "--port", "0", "--rate-limit", "0"), "serve");
        serve.setDaemon(true);
        serve.start();
        try {
            visit(awaitBase(out, serve));
            System.err.println("Class archive: trained on serving the bundled data");
        } catch (Throwable e) { // whatever went wrong, the build goes on
            System.err.println("Class archive: the training run did not finish (" + e + "); the archive holds fewer classes");
        }
        System.exit(0); // the JVM writes the archive on exit
    }

    private static String awaitBase(ByteArrayOutputStream out, Thread serve) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Matcher m;
            synchronized (out) {
                m = ENDPOINT.matcher(out.toString(StandardCharsets.UTF_8));
            }
            if (m.find()) return m.group(1);
            if (!serve.isAlive()) throw new IOException("serve stopped");
            Thread.sleep(20);
        }
        throw new IOException("serve did not start within " + LIMIT.toSeconds() + " s");
    }

    private static void visit(String base) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String first = "SELECT ?s WHERE { ?s a ?type FILTER(STRSTARTS(STR(?s), \"https://w3id.org/ibcr/id/\")) } ORDER BY ?s LIMIT 1";
        String csv = get(client, base + "/ibcr/sparql?query=" + URLEncoder.encode(first, StandardCharsets.UTF_8), "text/csv");
        String[] lines = csv.strip().split("\r?\n");
        if (lines.length < 2) throw new IOException("no resource in the data");
        String path = URI.create(lines[1].strip()).getPath().substring("/ibcr".length());
        get(client, base + "/ibcr/sparql?query=ASK%7B%7D", "application/sparql-results+json");
        for (String accept : List.of("text/html", "text/turtle", "application/ld+json")) {
            get(client, base + "/", accept);
            get(client, base + path, accept);
        }
    }

    private static String get(HttpClient client, String url, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        // a redirect (303 from a resource to its page) is an answer too: its classes are the ones a visitor loads
        if (response.statusCode() >= 400) throw new IOException("HTTP " + response.statusCode() + " from " + url);
        return response.body();
    }
}
