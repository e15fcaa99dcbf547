package org.ibcr.kg.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;

/**
 * Starts the servers the endpoint, pages and start-up measures compare, each as a child process: ours
 * ({@code ibcr-kg serve}, rate limit off so the load is not refused), stock Fuseki ({@link StockFuseki}), and
 * finds the resources of the request mixes.
 */
final class Servers {
    /** The query that tells a SPARQL server is answering. */
    static final String ASK = "/ibcr/sparql?query=" + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8);

    private Servers() {}

    /** The real data loaded by {@code ibcr-kg load} (validated) into a TDB2 database, made once a run. */
    static Path bundledStore(Bench b) throws IOException {
        if (b.bundledStore != null) return b.bundledStore;
        Path db = b.settings.work().resolve("tdb-bundled");
        Datasets.deleteTree(db);
        ChildRun.Outcome o = ChildRun.of(b.launcher.ours(b.settings.serverHeap(), null, "load", "--tdb2", db.toString(), "-q",
                "--data", Datasets.BUNDLED.toString())).logs(b.logs(), "load-bundled").limit(b.limit()).run();
        if (!o.ok()) throw new IOException("load of the bundled data failed: " + o.failure());
        b.bundledStore = db;
        return db;
    }

    /**
     * A second copy of {@link #bundledStore}, for the peer that runs beside ours: a TDB2 database is locked by the one
     * process that opens it. The same files, so the same database.
     */
    static Path bundledStoreCopy(Bench b) throws IOException {
        Path from = bundledStore(b);
        Path to = b.settings.work().resolve("tdb-bundled-peer");
        Datasets.deleteTree(to);
        try (var walk = java.nio.file.Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) java.nio.file.Files.createDirectories(target);
                else java.nio.file.Files.copy(p, target);
            }
        }
        return to;
    }

    static ServerProcess ours(Bench b, Path tdb2, int port, String name) throws IOException {
        return ours(b, tdb2, port, name, Pinning.none("start-up is measured as users start it"));
    }

    /** Ours on the servers' CPUs of {@code pinning} (the HTTP measures). */
    static ServerProcess ours(Bench b, Path tdb2, int port, String name, Pinning pinning) throws IOException {
        return ours(b, tdb2, port, name, pinning, true);
    }

    /**
     * As {@link #ours(Bench, Path, int, String, Pinning)}; without {@code resultCache} every query runs
     * ({@code --result-cache 0}: the endpoint measure compares query engines, the result-cache measure the cache).
     */
    static ServerProcess ours(Bench b, Path tdb2, int port, String name, Pinning pinning, boolean resultCache) throws IOException {
        return ours(b, tdb2, port, name, pinning, resultCache ? List.of() : List.of("--result-cache", "0"));
    }

    /** Ours on the servers' CPUs of {@code pinning}, with {@code more} options of {@code serve} ({@code --cache 0}, {@code --update}). */
    static ServerProcess ours(Bench b, Path tdb2, int port, String name, Pinning pinning, List<String> more) throws IOException {
        List<String> args = new ArrayList<>(List.of(serveArgs(tdb2, port)));
        args.addAll(more);
        return ServerProcess.start(pinning.server(b.launcher.ours(b.settings.serverHeap(), null, args.toArray(String[]::new))),
                "http://127.0.0.1:" + port + ASK, b.logs(), name, Duration.ofMinutes(5));
    }

    /** Ours as the README starts it: with the class-data sharing archive the build wrote. */
    static ServerProcess oursWithArchive(Bench b, Path tdb2, int port, String name) throws IOException {
        return ServerProcess.start(b.launcher.oursWithArchive(b.settings.serverHeap(), null, serveArgs(tdb2, port)),
                "http://127.0.0.1:" + port + ASK, b.logs(), name, Duration.ofMinutes(5));
    }

    private static String[] serveArgs(Path tdb2, int port) {
        List<String> args = new ArrayList<>(List.of("serve", "--port", Integer.toString(port), "--rate-limit", "0", "--timeout", "60"));
        if (tdb2 != null) {
            args.add("--tdb2");
            args.add(tdb2.toString());
        }
        return args.toArray(String[]::new);
    }

    static ServerProcess stock(Bench b, Path tdb2, int port, String name) throws IOException {
        return stock(b, tdb2, port, name, Pinning.none("start-up is measured as users start it"));
    }

    /** Stock Fuseki on the servers' CPUs of {@code pinning} (the HTTP measures). */
    static ServerProcess stock(Bench b, Path tdb2, int port, String name, Pinning pinning) throws IOException {
        return ServerProcess.start(pinning.server(b.launcher.peer(b.settings.serverHeap(), null, StockFuseki.class.getName(), tdb2.toString(),
                Integer.toString(port))), "http://127.0.0.1:" + port + ASK, b.logs(), name, Duration.ofMinutes(5));
    }

    /** A resource of the data: its IRI, the path after the base ({@code city/paris}) and an English label. */
    record Resource(String iri, String path, String label) {}

    /** Up to {@code n} resources with pages, spread over the kinds, in a stable order, asked from a running server. */
    static List<Resource> resources(String base, int n) {
        String q = """
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT ?s (MIN(STR(?l)) AS ?label) WHERE {
                  ?s rdfs:label ?l FILTER(STRSTARTS(STR(?s), "https://w3id.org/ibcr/id/") && LANG(?l) = "en")
                  # a node inside a resource's document (a milestone's #time) has no page of its own
                  FILTER(!CONTAINS(STR(?s), "#"))
                } GROUP BY ?s ORDER BY ?s""";
        List<Resource> all = new ArrayList<>();
        try (QueryExecutionHTTP qe = QueryExecutionHTTP.service(base + "/ibcr/sparql").query(q).build()) {
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                QuerySolution row = rs.next();
                String iri = row.getResource("s").getURI();
                all.add(new Resource(iri, iri.substring("https://w3id.org/ibcr/id/".length()), row.getLiteral("label").getString()));
            }
        }
        if (all.isEmpty()) throw new IllegalStateException("no labelled resources at " + base);
        List<Resource> picked = new ArrayList<>();
        int step = Math.max(1, all.size() / n);
        for (int i = 0; i < all.size() && picked.size() < n; i += step) picked.add(all.get(i));
        return picked;
    }
}
