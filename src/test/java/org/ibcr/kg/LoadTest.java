package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.fuseki.auth.Auth;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.http.auth.AuthEnv;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.TdbStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ibcr-kg load}: into a TDB2 database (one transaction: a failed load leaves the previous
 * graphs intact) and into a stock Fuseki over the Graph Store Protocol, with and without a password.
 */
class LoadTest {
    private static final String GRAPH = "https://w3id.org/ibcr/graph/";
    private static final Node DATA = NodeFactory.createURI(GRAPH + "data");
    private static final Node ONTOLOGY = NodeFactory.createURI(GRAPH + "ontology");
    private static final Node DESCRIPTION = NodeFactory.createURI(GRAPH + "dataset");
    private static final List<Node> NAMES = List.of(DATA, ONTOLOGY, DESCRIPTION);
    private static final String OLD_NAME = "Founding of the IBCR";
    private static final String NEW_NAME = "Creation of the Bureau";

    /** What the data folder converts to in memory: what every store must end up holding. */
    private static BuiltGraph built;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        for (Node name : NAMES) assertTrue(built.dataset().getGraph(name).size() > 0, "empty in-memory graph " + name);
    }

    /** Jena's authentication registry is one per JVM: no test leaves credentials for the next. */
    @AfterEach
    void forgetCredentials() {
        AuthEnv.get().clearAuthEnv();
    }

    // ---- TDB2

    @Test
    void loadsTheThreeNamedGraphsIntoTdb2() {
        Path db = dir.resolve("db");
        CliRun run = CliRun.of("load", "--tdb2", db.toString());
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.err().contains("Loaded") && run.err().contains(db.toString()), "no progress on stderr:\n" + run);
        assertEquals("", run.out(), run::toString);

        Map<Node, Graph> stored = snapshot(db);
        assertEquals(Map.of(DATA, true, ONTOLOGY, true, DESCRIPTION, true), isomorphism(stored));
        try (TdbStore store = TdbStore.open(db)) {
            for (Node name : NAMES) assertEquals(built.dataset().getGraph(name).size(), store.size(name), name::getURI);
        }
    }

    @Test
    void theDefaultGraphOfTheStoreIsTheUnionOfTheNamedGraphs() {
        Path db = dir.resolve("db");
        assertEquals(0, CliRun.of("load", "--quiet", "--tdb2", db.toString()).code());
        try (TdbStore store = TdbStore.open(db)) {
            DatasetGraph dsg = store.dataset();
            long triples = Txn.calculateRead(dsg, () -> count(dsg, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"));
            assertEquals(built.union().size(), triples, "the default graph is not the union of the named graphs");
            // A class from the ontology graph and its instances from the data graph, in one pattern without GRAPH.
            long milestones = Txn.calculateRead(dsg, () -> count(dsg, """
                    PREFIX ibcr: <https://w3id.org/ibcr/ontology#>
                    PREFIX owl: <http://www.w3.org/2002/07/owl#>
                    SELECT (COUNT(DISTINCT ?m) AS ?n) { ibcr:Milestone a owl:Class . ?m a ibcr:Milestone }"""));
            assertTrue(milestones >= 18, "milestones in the union: " + milestones);
            long described = Txn.calculateRead(dsg, () -> count(dsg, """
                    PREFIX void: <http://rdfs.org/ns/void#>
                    SELECT (COUNT(*) AS ?n) { ?d a void:Dataset }"""));
            assertTrue(described >= 1, "the dataset description is not in the union");
        }
    }

    @Test
    void quietPrintsNothing() {
        CliRun run = CliRun.of("load", "--quiet", "--tdb2", dir.resolve("db").toString());
        assertEquals(0, run.code(), run::toString);
        assertEquals("", run.err(), run::toString);
        assertEquals("", run.out(), run::toString);
    }

    @Test
    void loadingTwiceGivesTheSameContentsWithoutDuplicates() {
        Path db = dir.resolve("db");
        assertEquals(0, CliRun.of("load", "--quiet", "--tdb2", db.toString()).code());
        Map<Node, Graph> first = snapshot(db);
        long quads = quadCount(db);
        CliRun again = CliRun.of("load", "--quiet", "--tdb2", db.toString());
        assertEquals(0, again.code(), again::toString);
        Map<Node, Graph> second = snapshot(db);
        assertEquals(quads, quadCount(db), "the second load added quads");
        for (Node name : NAMES) {
            assertEquals(first.get(name).size(), second.get(name).size(), name::getURI);
            assertTrue(first.get(name).isIsomorphicWith(second.get(name)), name.getURI());
        }
        assertEquals(Map.of(DATA, true, ONTOLOGY, true, DESCRIPTION, true), isomorphism(second));
    }

    @Test
    void aLoadThatFailsHalfwayLeavesThePreviousGraphsIntactAndReadable() {
        Path db = dir.resolve("db");
        assertEquals(0, CliRun.of("load", "--quiet", "--tdb2", db.toString()).code());
        Map<Node, Graph> before = snapshot(db);
        Node intruder = NodeFactory.createURI("https://example.org/half-written");

        try (TdbStore store = TdbStore.open(db)) {
            DatasetGraph dsg = store.dataset();
            RuntimeException crash = assertThrows(RuntimeException.class, () -> store.replace(NAMES, out -> {
                for (int i = 0; i < 500; i++) {
                    out.quad(Quad.create(DATA, intruder, intruder, NodeFactory.createLiteralString("row " + i)));
                }
                // While the write is under way, another reader still sees the complete old graphs.
                long seen = CompletableFuture.supplyAsync(() -> Txn.calculateRead(dsg, () -> dsg.getGraph(DATA).size()))
                        .orTimeout(30, TimeUnit.SECONDS).join();
                assertEquals(before.get(DATA).size(), seen, "a reader saw the half-written load");
                throw new IllegalStateException("No space left on device");
            }, (fmt, args) -> {}));
            assertEquals("No space left on device", crash.getMessage());

            // No transaction is left open on this thread, and the store answers queries with the old graphs.
            assertFalse(dsg.isInTransaction(), "the failed load left a transaction open");
            assertEquals(0, Txn.calculateRead(dsg, () -> count(dsg,
                    "SELECT (COUNT(*) AS ?n) { GRAPH ?g { <https://example.org/half-written> ?p ?o } }")));
            for (Node name : NAMES) assertEquals(before.get(name).size(), store.size(name), name::getURI);
        }
        Map<Node, Graph> after = snapshot(db);
        for (Node name : NAMES) assertTrue(before.get(name).isIsomorphicWith(after.get(name)), name.getURI());

        // And the store still takes the next load.
        CliRun next = CliRun.of("load", "--quiet", "--tdb2", db.toString());
        assertEquals(0, next.code(), next::toString);
        assertEquals(Map.of(DATA, true, ONTOLOGY, true, DESCRIPTION, true), isomorphism(snapshot(db)));
    }

    @Test
    void brokenDataIsRefusedWithItsLocationAndTheStoreIsUnchanged() throws IOException {
        Path db = dir.resolve("db");
        assertEquals(0, CliRun.of("load", "--quiet", "--tdb2", db.toString()).code());
        Map<Node, Graph> before = snapshot(db);

        Path broken = copyOfData("broken");
        Path milestones = broken.resolve("milestones.csv");
        List<String> lines = Files.readAllLines(milestones, StandardCharsets.UTF_8);
        int row = 2; // 0-based: file line 3, international-tribunal, 1995-2000
        assertTrue(lines.get(row).startsWith("international-tribunal,") && lines.get(row).contains(",1995,2000,"), lines.get(row));
        lines.set(row, lines.get(row).replace(",1995,2000,", ",19x5,2000,"));
        Files.write(milestones, lines, StandardCharsets.UTF_8);

        CliRun run = CliRun.of("load", "--tdb2", db.toString(), "--data", broken.toString());
        assertEquals(1, run.code(), run::toString);
        assertTrue(run.err().contains("milestones.csv:3"), "no file:line in\n" + run);
        assertTrue(run.err().contains("19x5"), run::toString);
        assertNoStackTrace(run);

        Map<Node, Graph> after = snapshot(db);
        for (Node name : NAMES) assertTrue(before.get(name).isIsomorphicWith(after.get(name)), name.getURI());
    }

    @Test
    void brokenDataStreamedIntoANewFolderLeavesNoDatabaseBehind() throws IOException {
        Path broken = copyOfData("broken-streamed");
        Path milestones = broken.resolve("milestones.csv");
        List<String> lines = Files.readAllLines(milestones, StandardCharsets.UTF_8);
        int row = lines.size() - 1; // the last milestone: converted after much of the data has gone into the loader
        assertTrue(lines.get(row).contains(",2020,"), lines.get(row));
        lines.set(row, lines.get(row).replaceFirst(",2020,", ",20x0,"));
        Files.write(milestones, lines, StandardCharsets.UTF_8);
        Path parent = dir.resolve("stores");
        Files.createDirectories(parent);
        Path db = parent.resolve("db");

        CliRun run = CliRun.of("load", "--no-validate", "--tdb2", db.toString(), "--data", broken.toString());
        assertEquals(1, run.code(), run::toString);
        assertTrue(run.err().contains("milestones.csv:" + (row + 1)), "no file:line in\n" + run);
        assertNoStackTrace(run);
        assertFalse(Files.exists(db), "a failed first load left a database folder");
        try (Stream<Path> left = Files.list(parent)) {
            assertEquals(List.of(), left.toList(), "a failed first load left a folder behind");
        }
    }

    @Test
    void changedDataReplacesTheOldGraphsCompletely() throws IOException {
        Path db = dir.resolve("db");
        assertEquals(0, CliRun.of("load", "--quiet", "--tdb2", db.toString()).code());
        assertTrue(nameCount(db, OLD_NAME) >= 1, "the milestone's name is not in the store");

        Path changed = copyOfData("changed");
        Path milestones = changed.resolve("milestones.csv");
        String csv = Files.readString(milestones, StandardCharsets.UTF_8);
        assertTrue(csv.contains("," + OLD_NAME + ","), "the milestone to rename is not in data/milestones.csv");
        Files.writeString(milestones, csv.replace("," + OLD_NAME + ",", "," + NEW_NAME + ","), StandardCharsets.UTF_8);

        CliRun run = CliRun.of("load", "--quiet", "--tdb2", db.toString(), "--data", changed.toString());
        assertEquals(0, run.code(), run::toString);
        assertEquals(0, nameCount(db, OLD_NAME), "the old name survived the reload");
        assertTrue(nameCount(db, NEW_NAME) >= 1, "the new name is missing");

        BuiltGraph expected = GraphBuild.from(CsvHistory.open(changed)).build();
        Map<Node, Graph> stored = snapshot(db);
        for (Node name : NAMES) {
            assertTrue(expected.dataset().getGraph(name).isIsomorphicWith(stored.get(name)), name.getURI());
        }
    }

    // ---- Graph Store Protocol

    @Test
    void loadsIntoAStockFuseki() {
        FusekiServer server = FusekiServer.create().port(0).add("/ds", DatasetGraphFactory.createTxnMem(), true).build().start();
        try {
            String ds = "http://localhost:" + server.getHttpPort() + "/ds";
            CliRun run = CliRun.of("load", "--endpoint", ds + "/data");
            assertEquals(0, run.code(), run::toString);
            for (Node name : NAMES) assertTrue(run.err().contains("PUT " + name.getURI()), run::toString);
            assertTrue(run.err().contains("Loaded"), run::toString);
            assertEquals(expectedSizes(), remoteSizes(ds + "/sparql"));

            // Loading again replaces (PUT), and so does the dataset URL itself: no duplicates, no leftovers.
            assertEquals(0, CliRun.of("load", "--quiet", "--endpoint", ds + "/data").code());
            assertEquals(expectedSizes(), remoteSizes(ds + "/sparql"));
            CliRun viaDataset = CliRun.of("load", "--quiet", "--endpoint", ds);
            assertEquals(0, viaDataset.code(), viaDataset::toString);
            assertEquals(expectedSizes(), remoteSizes(ds + "/sparql"));
        } finally {
            server.stop();
        }
    }

    @Test
    void loadsIntoAPasswordProtectedFusekiOnlyWithTheRightCredentials() throws IOException {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "admin: s3cret\n", StandardCharsets.UTF_8);
        DataService service = DataService.newBuilder(DatasetGraphFactory.createTxnMem())
                .addEndpoint(Operation.GSP_RW, "data", Auth.policyAllowSpecific("admin"))
                .addEndpoint(Operation.Query, "sparql")
                .build();
        FusekiServer server = FusekiServer.create().port(0).passwordFile(passwd.toString()).auth(AuthScheme.BASIC)
                .add("/ds", service).build().start();
        try {
            String ds = "http://localhost:" + server.getHttpPort() + "/ds";
            Path right = dir.resolve("pw.txt");
            Files.writeString(right, "s3cret\n", StandardCharsets.UTF_8);
            Path wrong = dir.resolve("wrong.txt");
            Files.writeString(wrong, "guess\n", StandardCharsets.UTF_8);

            CliRun anonymous = CliRun.of("load", "--quiet", "--endpoint", ds + "/data");
            assertEquals(1, anonymous.code(), anonymous::toString);
            assertTrue(anonymous.err().contains("401"), anonymous::toString);
            assertTrue(anonymous.err().contains("--user"), "the message does not say how to authenticate:\n" + anonymous);
            assertNoStackTrace(anonymous);
            assertEquals(Map.of(), remoteSizes(ds + "/sparql"), "something was stored without credentials");

            CliRun mistaken = CliRun.of("load", "--quiet", "--endpoint", ds + "/data", "--user", "admin", "--password-file", wrong.toString());
            assertEquals(1, mistaken.code(), mistaken::toString);
            assertTrue(mistaken.err().contains("401") && mistaken.err().contains("'admin'"), mistaken::toString);
            assertNoStackTrace(mistaken);
            assertEquals(Map.of(), remoteSizes(ds + "/sparql"));
            AuthEnv.get().clearAuthEnv();

            CliRun admin = CliRun.of("load", "--endpoint", ds + "/data", "--user", "admin", "--password-file", right.toString());
            assertEquals(0, admin.code(), admin::toString);
            assertFalse(admin.err().contains("s3cret"), "the password was printed");
            assertEquals(expectedSizes(), remoteSizes(ds + "/sparql"));
        } finally {
            server.stop();
        }
    }

    @Test
    void anEndpointThatIsNotThereIsAFailureWithAMessage() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.of("load", "--quiet", "--endpoint", "http://localhost:" + port + "/ds/data");
        assertEquals(1, run.code(), run::toString);
        assertTrue(run.err().contains("cannot reach") && run.err().contains("localhost:" + port), run::toString);
        assertNoStackTrace(run);
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        Path db = dir.resolve("db");
        Path pw = dir.resolve("pw.txt");
        Files.writeString(pw, "s3cret\n", StandardCharsets.UTF_8);
        String endpoint = "http://localhost:3030/ds/data";

        assertUsage("--password-file", "load", "--endpoint", endpoint, "--user", "admin");
        assertUsage("--user", "load", "--endpoint", endpoint, "--password-file", pw.toString());
        assertUsage("mutually exclusive", "load", "--tdb2", db.toString(), "--endpoint", endpoint);
        assertUsage("--endpoint", "load", "--tdb2", db.toString(), "--user", "admin", "--password-file", pw.toString());
        assertUsage("ftp://example.org/ds/data", "load", "--endpoint", "ftp://example.org/ds/data");
        assertUsage("localhost:3030/ds/data", "load", "--endpoint", "localhost:3030/ds/data");
        assertUsage("not a url", "load", "--endpoint", "not a url");
        assertUsage("missing.txt", "load", "--endpoint", endpoint, "--user", "admin", "--password-file", dir.resolve("missing.txt").toString());
        assertUsage("--tdb2", "load");
        assertFalse(Files.exists(db), "a usage error created the database");
    }

    // ---- helpers

    private static void assertUsage(String mentioned, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().contains(mentioned), "the message does not mention '" + mentioned + "':\n" + run);
        assertNoStackTrace(run);
    }

    private static void assertNoStackTrace(CliRun run) {
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception in"), "a stack trace:\n" + run);
    }

    private Path copyOfData(String name) throws IOException {
        Path copy = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> files = Files.list(Path.of("data"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        return copy;
    }

    /** The three named graphs of the database, copied into memory. */
    private static Map<Node, Graph> snapshot(Path db) {
        try (TdbStore store = TdbStore.open(db)) {
            DatasetGraph dsg = store.dataset();
            return Txn.calculateRead(dsg, () -> {
                Map<Node, Graph> graphs = new TreeMap<>((a, b) -> a.getURI().compareTo(b.getURI()));
                for (Node name : NAMES) {
                    Graph copy = GraphFactory.createDefaultGraph();
                    dsg.getGraph(name).find().forEachRemaining(copy::add);
                    graphs.put(name, copy);
                }
                return graphs;
            });
        }
    }

    /** For each graph, whether the stored one is isomorphic to the in-memory build. */
    private static Map<Node, Boolean> isomorphism(Map<Node, Graph> stored) {
        Map<Node, Boolean> same = new TreeMap<>((a, b) -> a.getURI().compareTo(b.getURI()));
        for (Node name : NAMES) same.put(name, built.dataset().getGraph(name).isIsomorphicWith(stored.get(name)));
        return same;
    }

    private static long quadCount(Path db) {
        try (TdbStore store = TdbStore.open(db)) {
            DatasetGraph dsg = store.dataset();
            return Txn.calculateRead(dsg, () -> Iter.count(dsg.find()));
        }
    }

    private static long nameCount(Path db, String name) {
        try (TdbStore store = TdbStore.open(db)) {
            DatasetGraph dsg = store.dataset();
            return Txn.calculateRead(dsg, () -> count(dsg,
                    "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?name } FILTER(isLiteral(?name) && str(?name) = \"" + name + "\") }"));
        }
    }

    private static long count(DatasetGraph dsg, String query) {
        try (QueryExec exec = QueryExec.dataset(dsg).query(query).build()) {
            RowSet rows = exec.select();
            return ((Number) rows.next().get("n").getLiteralValue()).longValue();
        }
    }

    /** The graphs load --endpoint stores: the three converted, and the version graph last. */
    private static Map<String, Long> expectedSizes() {
        Map<String, Long> sizes = new TreeMap<>();
        for (Node name : NAMES) sizes.put(name.getURI(), (long) built.dataset().getGraph(name).size());
        sizes.put(built.iris().graph("version").getURI(), 2L); // the version and the time of the load
        return sizes;
    }

    /** The size of each named graph, asked through the server's own SPARQL endpoint. */
    private static Map<String, Long> remoteSizes(String sparql) {
        Map<String, Long> sizes = new TreeMap<>();
        try (QueryExecHTTP exec = QueryExecHTTP.service(sparql)
                .query("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").build()) {
            ResultSet rs = ResultSet.adapt(exec.select());
            while (rs.hasNext()) {
                QuerySolution row = rs.next();
                sizes.put(row.getResource("g").getURI(), row.getLiteral("n").getLong());
            }
        }
        return sizes;
    }
}
