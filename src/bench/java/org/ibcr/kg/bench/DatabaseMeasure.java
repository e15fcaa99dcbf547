package org.ibcr.kg.bench;

import static org.ibcr.kg.bench.Report.count;
import static org.ibcr.kg.bench.Report.num;
import static org.ibcr.kg.bench.Report.row;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;

/**
 * The bound-subject fragment and the cost of a version, at scales 1, 100 and 3000 (those of them the run has), on the
 * TDB2 database {@code load} has just made (hung on {@link LoadMeasure} as {@link SearchMeasure} is): our server
 * ({@code serve --tdb2}, rendering every request: {@code --cache 0}, so that the store answers each one; with
 * {@code --update --passwd}), then
 * <ul>
 * <li>{@code /fragments?subject=<IRI>}: the first request, as soon as the server answers, then (after the search index
 * the server builds at start-up is ready, so that it does not compete) wrk at 1 connection on a rotation of
 * {@value #SUBJECTS} subjects of the data: p50, p99, throughput; and the database's size on disk;</li>
 * <li>an authorised SPARQL Update that changes one English label (one triple removed, one added), timed end to end
 * over HTTP, {@value #UPDATES} times (each a new version: its RDF Patch written, synced and renamed before the answer),
 * with the size of the patch file each writes.</li>
 * </ul>
 * Rows are kept in {@link Bench#boundRows} and {@link Bench#versionRows} and the tables written by {@link #write}.
 */
final class DatabaseMeasure {
    private DatabaseMeasure() {}

    /** The scales the issue asks for (about 10 million triples at the largest). */
    static final Set<Integer> SCALES = Set.of(1, 100, 3000);
    static final int SUBJECTS = 100;
    static final int UPDATES = 5;
    /** Lines of the N-Triples file read to find subjects (the file of the largest scale is gigabytes). */
    private static final int LINES = 200_000;
    private static final String ID = "<https://w3id.org/ibcr/id/";
    private static final String DATA_GRAPH = "https://w3id.org/ibcr/graph/data";
    private static final String LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
    static final List<String> BOUND_HEADERS = List.of("scale", "triples", "database on disk", "first request: ms", "req/s", "p50: ms",
            "p99: ms", "failed", "p50 / scale 1's");
    static final List<String> VERSION_HEADERS = List.of("scale", "triples", "updates", "update, end to end: ms (median, lowest–highest)",
            "patch file: bytes (median)", "versions on disk after", "median / scale 1's");

    /** Measures both on the database {@code db} that load made at {@code scale}. */
    static void atScale(Bench b, int scale, Path db, long triples) {
        String scaleCell = Integer.toString(scale);
        if (b.outOfTime()) {
            b.boundRows.add(row(scaleCell, count(triples), "–", Bench.NO_TIME, "–", "–", "–", "–", "–"));
            b.versionRows.add(row(scaleCell, count(triples), "–", Bench.NO_TIME, "–", "–", "–"));
            return;
        }
        String size = "–";
        try {
            size = bytes(sizeOnDisk(db)) + allocated(b, db);
            List<String> subjects = subjects(b.nt(scale));
            if (subjects.isEmpty()) throw new IOException("no subject under " + ID + "...> in " + b.nt(scale));
            String password = password();
            Path passwd = b.logs().resolve("bench-passwd-" + scale + ".txt");
            Files.deleteIfExists(passwd);
            Files.createFile(passwd, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwd, "bench: " + password + "\n", StandardCharsets.UTF_8);
            int port = ServerProcess.freePort();
            try (ServerProcess server = Servers.ours(b, db, port, "database-ours-" + scale, b.pinning,
                    List.of("--cache", "0", "--update", "--passwd", passwd.toString()))) {
                String base = "http://127.0.0.1:" + port;
                List<Wrk.Request> mix = subjects.stream().map(s -> new Wrk.Request("/fragments?subject=" + FragmentsMeasure.encode(s),
                        FragmentsMeasure.ACCEPT)).toList();
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                long t = System.nanoTime();
                String body = FragmentsMeasure.get(client, base + mix.get(0).path());
                double firstMillis = (System.nanoTime() - t) / 1e6;
                long[] first = FragmentsMeasure.counts(body, base + mix.get(0).path());
                if (first[0] == 0) throw new IOException("the fragment of " + subjects.get(0) + " is empty");
                SearchMeasure.warm(base); // waits for the index the server builds at start-up
                Wrk wrk = Wrk.create(b.logs()).seconds(b.settings.wrkSeconds()).pinning(b.pinning);
                Wrk.create(b.logs()).seconds(b.settings.warmupSeconds()).pinning(b.pinning).run(base, mix, 1, "bound-warmup-" + scale);
                Wrk.Result r = wrk.run(base, mix, 1, "bound-" + scale);
                Double p50One = b.findings.boundP50.get(1);
                b.boundRows.add(row(scaleCell, count(triples), size, num(firstMillis, 1), count(r.perSecond()), num(r.p50(), 2),
                        num(r.p99(), 2), count(r.failed()), scale == 1 ? "(the reference)" : p50One == null ? "–" : Report.ratio(r.p50() / p50One)));
                if (r.requests() > 0 && r.failed() == 0) b.findings.boundP50.put(scale, r.p50());
                b.findings.databaseTriples.put(scale, triples);
                updates(b, scale, db, triples, base, subjects, password);
            }
        } catch (IOException | RuntimeException e) {
            String why = "failed: " + Report.cell(String.valueOf(e.getMessage()));
            if (b.boundRows.stream().noneMatch(r -> r.get(0).equals(scaleCell))) {
                b.boundRows.add(row(scaleCell, count(triples), size, why, "–", "–", "–", "–", "–"));
            }
            if (b.versionRows.stream().noneMatch(r -> r.get(0).equals(scaleCell))) {
                b.versionRows.add(row(scaleCell, count(triples), "–", why, "–", "–", "–"));
            }
        }
    }

    /** {@value #UPDATES} one-label updates in turn (fewer if they take longer than a comparison may), each timed. */
    private static void updates(Bench b, int scale, Path db, long triples, String base, List<String> subjects, String password)
            throws IOException {
        String[] target = oneEnglishLabel(base, subjects);
        Path versions = db.resolve("versions");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("bench:" + password).getBytes(StandardCharsets.UTF_8));
        List<Double> millis = new ArrayList<>();
        List<Double> patchBytes = new ArrayList<>();
        long began = System.nanoTime();
        for (int k = 1; k <= UPDATES; k++) {
            if (k > 1 && (System.nanoTime() - began) / 1e9 > b.settings.comparisonSeconds()) break;
            List<Path> before = patches(versions);
            String label = target[1] + " (edit " + k + ")";
            String update = "DELETE { GRAPH <" + DATA_GRAPH + "> { <" + target[0] + "> <" + LABEL + "> ?old } }\n"
                    + "INSERT { GRAPH <" + DATA_GRAPH + "> { <" + target[0] + "> <" + LABEL + "> \"" + label.replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\"@en } }\n"
                    + "WHERE { GRAPH <" + DATA_GRAPH + "> { <" + target[0] + "> <" + LABEL + "> ?old FILTER(LANG(?old) = \"en\") } }";
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/ibcr/update")).timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString("update=" + URLEncoder.encode(update, StandardCharsets.UTF_8))).build();
            long t = System.nanoTime();
            HttpResponse<String> r;
            try {
                r = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            double ms = (System.nanoTime() - t) / 1e6;
            if (r.statusCode() / 100 != 2) throw new IOException("the update answered " + r.statusCode() + ": " + r.body().strip());
            List<Path> after = patches(versions);
            after.removeAll(before);
            if (after.size() != 1) throw new IOException("the update recorded " + after.size() + " versions in " + versions + ", not 1");
            millis.add(ms);
            patchBytes.add((double) Files.size(after.get(0)));
        }
        b.findings.versionMillis.put(scale, millis);
        List<Double> base1 = b.findings.versionMillis.get(1);
        String vsOne = base1 == null || scale == 1 ? "–" : Report.ratio(PairedComparison.Spread.median(millis) / PairedComparison.Spread.median(base1));
        String times = num(PairedComparison.Spread.median(millis), 1) + (millis.size() < 2 ? ""
                : " (" + num(PairedComparison.Spread.min(millis), 1) + "–" + num(PairedComparison.Spread.max(millis), 1) + ")");
        b.versionRows.add(row(Integer.toString(scale), count(triples), Integer.toString(millis.size()), times,
                count(PairedComparison.Spread.median(patchBytes)), count(patches(versions).size()), scale == 1 ? "(the reference)" : vsOne));
    }

    /** A subject of {@code subjects} with exactly one English label in the data graph, and that label. */
    private static String[] oneEnglishLabel(String base, List<String> subjects) throws IOException {
        StringBuilder values = new StringBuilder();
        for (String s : subjects) values.append(" <").append(s).append(">");
        String q = "SELECT ?s (SAMPLE(STR(?l)) AS ?label) WHERE { VALUES ?s {" + values + " } GRAPH <" + DATA_GRAPH + "> { ?s <" + LABEL
                + "> ?l FILTER(LANG(?l) = \"en\") } } GROUP BY ?s HAVING (COUNT(?l) = 1) ORDER BY ?s LIMIT 1";
        try (QueryExecutionHTTP qe = QueryExecutionHTTP.service(base + "/ibcr/sparql").query(q).build()) {
            ResultSet rs = qe.execSelect();
            if (!rs.hasNext()) throw new IOException("none of the " + subjects.size() + " subjects has exactly one English label");
            QuerySolution row = rs.next();
            return new String[] {row.getResource("s").getURI(), row.getLiteral("label").getString()};
        }
    }

    /** The numbered patch files of a version folder. */
    private static List<Path> patches(Path versions) throws IOException {
        if (!Files.isDirectory(versions)) return new ArrayList<>();
        try (Stream<Path> list = Files.list(versions)) {
            return new ArrayList<>(list.filter(p -> p.getFileName().toString().matches("\\d+\\.rdfp\\.gz")).sorted().toList());
        }
    }

    /**
     * Up to {@value #SUBJECTS} subjects of resources (IRIs under {@code id/}, no fragment), spread over the distinct
     * subjects of the first {@value #LINES} lines of the N-Triples file the database was loaded from.
     */
    static List<String> subjects(Path nt) throws IOException {
        Set<String> all = new LinkedHashSet<>();
        try (BufferedReader in = Files.newBufferedReader(nt, StandardCharsets.UTF_8)) {
            String line;
            for (int n = 0; n < LINES && (line = in.readLine()) != null; n++) {
                if (!line.startsWith(ID)) continue;
                int end = line.indexOf('>');
                String iri = line.substring(1, end);
                if (!iri.contains("#")) all.add(iri);
            }
        }
        List<String> list = new ArrayList<>(all);
        List<String> picked = new ArrayList<>();
        double step = Math.max(1.0, (double) list.size() / SUBJECTS);
        for (double i = 0; i < list.size() && picked.size() < SUBJECTS; i += step) picked.add(list.get((int) i));
        return picked;
    }

    /** Bytes of every file under {@code dir}. */
    static long sizeOnDisk(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            long n = 0;
            for (Path p : walk.filter(Files::isRegularFile).toList()) n += Files.size(p);
            return n;
        }
    }

    /**
     * What {@code du} says the folder takes on disk, as {@code " (N MiB allocated)"}: TDB2 grows its files in chunks
     * and maps them, so their sizes count space not written yet. Empty where {@code du} cannot say.
     */
    private static String allocated(Bench b, Path dir) {
        try {
            ChildRun.Outcome o = ChildRun.of(List.of("du", "-sk", dir.toString())).logs(b.logs(), "du").limit(Duration.ofMinutes(1)).run();
            if (!o.ok()) return "";
            return " (" + bytes(Long.parseLong(o.out().strip().split("\\s+")[0]) * 1024) + " allocated)";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static String bytes(long n) {
        if (n >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        return String.format(Locale.ROOT, "%.0f MiB", n / (double) (1L << 20));
    }

    private static String password() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Both tables, with the rows measured so far. */
    static void write(Bench b) {
        table(b, "fragments-bound", BOUND_HEADERS, b.boundRows, "On the TDB2 database `load` made at each scale, `serve --tdb2 --cache 0` "
                + "(every fragment read from the store): the first `/fragments?subject=` request as soon as the server answers (its search "
                + "index is being built meanwhile, as at any start), then, once the index is ready, wrk at 1 connection for "
                + b.settings.wrkSeconds() + " s on " + SUBJECTS + " subjects in turn (`Accept: " + FragmentsMeasure.ACCEPT + "`); "
                + b.pinning.description() + ". The database's size is that of every file of its folder (indexes, node table, versions; TDB2 "
                + "grows its files in chunks), and beside it what `du` says they take on disk.");
        table(b, "versions", VERSION_HEADERS, b.versionRows, "On the same server (`--update --passwd`): an authorised SPARQL Update "
                + "that replaces one English label in the data graph (one triple removed, one added), timed from sending it to its "
                + "answer, up to " + UPDATES + " times in turn (each records a version: its RDF Patch written and synced before the "
                + "store commits, then renamed); the patch file is the gzipped RDF Patch of one such version. Target: the time at "
                + "10 M triples at most 3 × the time at scale 1 (medians).");
    }

    private static void table(Bench b, String name, List<String> headers, List<List<String>> measured, String note) {
        b.report.section(name).setLength(0);
        List<List<String>> rows = new ArrayList<>(measured);
        for (int scale : b.settings.scales()) {
            if (!SCALES.contains(scale) || rows.stream().anyMatch(r -> r.get(0).equals(Integer.toString(scale)))) continue;
            Long triples = b.triples.get(scale);
            List<String> r = row(Integer.toString(scale), triples == null ? "–" : count(triples), "–", "not run: load made no database at this scale");
            while (r.size() < headers.size()) r.add("–");
            rows.add(r);
        }
        if (rows.isEmpty()) {
            b.report.note(name, "*Not run: the run has none of the scales " + SCALES + ".*");
            return;
        }
        rows.sort(java.util.Comparator.comparing(r -> Integer.valueOf(r.get(0))));
        b.report.note(name, note);
        b.report.table(name, headers, rows);
    }
}
