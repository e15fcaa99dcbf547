package org.ibcr.kg.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.publish.ExampleQuery;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.publish.LoadPolicy;
import org.ibcr.kg.publish.QueryLimits;
import org.ibcr.kg.publish.http.SlowClientLimits;
import org.ibcr.kg.publish.site.SiteModule;
import org.ibcr.kg.publish.site.StoreMirror;
import org.ibcr.kg.store.MemoryStore;
import org.ibcr.kg.store.SparqlStore;
import org.ibcr.kg.store.TdbStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ibcr-kg serve}: the graph on an embedded Fuseki SPARQL server. */
@Command(name = "serve", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        header = "Serve the graph: SPARQL endpoint, linked data pages, dumps.",
        description = {
            "Serves the graph with an embedded Apache Jena Fuseki. With no options it converts the data",
            "folder at start-up into an in-memory dataset; with --tdb2 it serves a database filled by",
            "'ibcr-kg load'. The dataset is /ibcr:",
            "  /ibcr/sparql, /ibcr/query   SPARQL 1.1 query (GET, HEAD, POST; result format by Accept, 406 if none",
            "                              matches); without a query, its SPARQL 1.1 Service Description",
            "  /ibcr/get                   Graph Store Protocol, read",
            "  /ibcr/update, /ibcr/data    SPARQL Update and GSP write: only with --update --passwd",
            "  /                           home page; every resource as a page (/id/...), /ontology, /dumps/",
            "  /fragments, /feed           Triple Pattern Fragments; the change feed (LDES) of every version",
            "  /data/..., /timemap/data/...  data documents, Memento TimeGates (Accept-Datetime) and TimeMaps",
            "  /query                      query page with every example of queries/ (also at /index.html)",
            "  /$/ping, /$/stats, /$/metrics, /$/server",
            "The default graph is the union of the named graphs (data, ontology, dataset description).",
            "With --sparql URL it serves a remote SPARQL 1.1 store (Virtuoso, GraphDB, a Fuseki...) filled by",
            "'ibcr-kg load --endpoint': queries go on to the store with this server's limits (time, body size,",
            "rate, no SERVICE); pages, data documents, dumps and graph files are computed from a copy of the",
            "store's current version, read again when the version the store holds moves (checked every --poll).",
            "Stop it with Ctrl-C (or SIGTERM): it shuts down cleanly."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ibcr-kg serve",
            "  ibcr-kg serve --port 8080 --timeout 30",
            "  ibcr-kg serve --max-body 65536 --rate-limit 20 --max-page-rows 200",
            "  ibcr-kg serve --result-cache 256M               (or --result-cache 0 to run every query)",
            "  ibcr-kg load --tdb2 db/ && ibcr-kg serve --tdb2 db/",
            "  ibcr-kg load --endpoint http://localhost:8890/sparql-graph-crud-auth --user dba --password-file pw.txt",
            "    && ibcr-kg serve --sparql http://localhost:8890/sparql     (Virtuoso)",
            "  ibcr-kg serve --update --passwd passwd.txt     (passwd.txt lines: 'user: password')"})
final class ServeCommand implements Callable<Integer> {
    /** Runs start-up work beside the main thread, on a thread that never keeps the process alive. */
    private static final Executor DAEMON = task -> {
        Thread t = new Thread(task, "ibcr-kg start-up");
        t.setDaemon(true);
        t.start();
    };

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + IbcrServer.DEFAULT_PORT, description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = IbcrServer.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--tdb2", paramLabel = "DIR", description = "Serve this TDB2 database instead of converting the data folder.")
    Path tdb2;

    @Option(names = "--sparql", paramLabel = "URL",
            description = "Serve the remote SPARQL store with this query endpoint instead of converting the data folder.")
    String sparql;

    @Option(names = "--gsp", paramLabel = "URL",
            description = "With --sparql: read the store's graphs with the Graph Store Protocol here (default: a CONSTRUCT query a graph).")
    String gsp;

    @Option(names = "--sparql-user", paramLabel = "USER", description = "With --sparql: user for the store (HTTP basic or digest).")
    String sparqlUser;

    @Option(names = "--sparql-password-file", paramLabel = "FILE",
            description = "With --sparql-user: file whose first line is the store's password.")
    Path sparqlPasswordFile;

    @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "5",
            description = "With --sparql: how often to check the version the store holds (default: ${DEFAULT-VALUE}).")
    double poll;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + IbcrServer.DEFAULT_TIMEOUT_SECONDS,
            description = "Cancel a query after this many seconds (default: ${DEFAULT-VALUE}); the client gets 503.")
    double timeout;

    @Option(names = "--update", description = "Allow SPARQL Update and GSP writes, for the users of --passwd only.")
    boolean update;

    @Option(names = "--passwd", paramLabel = "FILE", description = "Jetty password file ('user: password' lines) for --update.")
    Path passwd;

    @Option(names = "--load-from", paramLabel = "DIR",
            description = "With --update: SPARQL LOAD may read files inside this folder (default: no file at all).")
    Path loadFrom;

    @Option(names = "--allow-remote-load", description = "With --update: SPARQL LOAD may fetch http(s) URLs (default: refused; the server connects nowhere).")
    boolean allowRemoteLoad;

    @Option(names = "--public-base", paramLabel = "URL", defaultValue = "",
            description = "The server's external URL when it runs behind a proxy (such as https://data.example.org); "
                    + "links and redirects then use it. Default: links relative to this server.")
    String publicBase;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "" + IbcrServer.DEFAULT_MAX_BODY,
            description = "Largest request body in bytes (default: ${DEFAULT-VALUE}, 1 MiB); a larger one gets 413.")
    long maxBody;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "" + (int) IbcrServer.DEFAULT_RATE_LIMIT,
            description = "Requests a second per client address (default: ${DEFAULT-VALUE}; 0 = off); over it, 429 with Retry-After.")
    double rateLimit;

    @Option(names = "--rate-burst", paramLabel = "N",
            description = "Requests a client may send at once before --rate-limit applies (default: twice the rate).")
    Integer rateBurst;

    @Option(names = "--max-page-rows", paramLabel = "N", defaultValue = "" + IbcrServer.DEFAULT_MAX_PAGE_ROWS,
            description = "Values per property, and rows per list, on an HTML page (default: ${DEFAULT-VALUE}).")
    int maxPageRows;

    @Option(names = "--cache", paramLabel = "MIB", defaultValue = "" + (IbcrServer.DEFAULT_CACHE >> 20),
            description = "Memory for the pages, data documents and graph files kept until the data changes, in MiB "
                    + "(default: ${DEFAULT-VALUE}; 0 = render every request).")
    long cacheMib;

    @Option(names = "--result-cache", paramLabel = "SIZE", defaultValue = (IbcrServer.DEFAULT_RESULT_CACHE >> 20) + "M",
            description = "Memory for SPARQL answers kept until the data changes (default: ${DEFAULT-VALUE}; 0 = run every query): "
                    + "a number with K, M or G (a bare number is MiB). A repeated query is answered without running it, with an "
                    + "ETag (a client that has the answer gets 304). Never kept: answers over a sixteenth of SIZE or 1 MiB, failed ones, "
                    + "queries that use NOW(), RAND(), UUID(), STRUUID() or BNODE().")
    String resultCache;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", split = ",",
            description = "An origin (https://host[:port]) whose pages may send logged-in writes across origins; repeat or "
                    + "separate with commas. By default any page may read and none may write.")
    List<String> corsOrigins = List.of();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Close a connection that sends and reads nothing for this long (default: ${DEFAULT-VALUE}).")
    double idleTimeout;

    @Option(names = "--min-data-rate", paramLabel = "BYTES", defaultValue = "64",
            description = "Bytes a second a client must send its request body at, or get 408 (default: ${DEFAULT-VALUE}; 0 = no minimum). "
                    + "A client that stops reading is cut by --idle-timeout.")
    long minDataRate;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "128",
            description = "Connections one client address may hold open at once (default: ${DEFAULT-VALUE}; 0 = no bound).")
    int maxConnections;

    @Option(names = "--dump-versions", paramLabel = "N", defaultValue = "" + SiteModule.DEFAULT_KEPT_VERSIONS,
            description = "Serve dated dumps (/dumps/VERSION/...) of the newest N versions of the data (default: ${DEFAULT-VALUE}); "
                    + "every version stays in the change feed (/feed) and as mementos.")
    int dumpVersions;

    @Option(names = "--max-query-length", paramLabel = "CHARS", defaultValue = "" + QueryLimits.DEFAULT_MAX_LENGTH,
            description = "Longest SPARQL query text, in characters (default: ${DEFAULT-VALUE}); a longer one gets 400 unparsed.")
    int maxQueryLength;

    @Option(names = "--max-query-depth", paramLabel = "N", defaultValue = "" + QueryLimits.DEFAULT_MAX_DEPTH,
            description = "Deepest a SPARQL query may nest (groups, OPTIONAL, UNION branches, function calls, path steps; "
                    + "default: ${DEFAULT-VALUE}); a deeper one gets 400 before it is planned.")
    int maxQueryDepth;

    @Option(names = "--max-projection", paramLabel = "N", defaultValue = "" + QueryLimits.DEFAULT_MAX_PROJECTION,
            description = "Most variables and expressions a SPARQL query may select (default: ${DEFAULT-VALUE}); more get 400.")
    int maxProjection;

    @Option(names = "--queries", paramLabel = "DIR", defaultValue = "queries",
            description = "Folder of example .rq files for the query page (default: ${DEFAULT-VALUE}).")
    Path queries;

    @Override
    public Integer call() throws Exception {
        IbcrServer ibcr = configured();
        PrintWriter out = spec.commandLine().getOut();
        TdbStore store = null;
        DatasetGraph served;
        String source;
        StoreMirror mirror = null;
        if (sparql != null) {
            SparqlStore remote = remoteStore();
            PrintWriter err = spec.commandLine().getErr();
            try {
                mirror = StoreMirror.open(remote, Duration.ofMillis((long) (poll * 1000)), line -> {
                    err.println(line);
                    err.flush();
                });
            } catch (IllegalStateException e) {
                throw new java.io.IOException(e.getMessage(), e);
            } catch (org.apache.jena.atlas.web.HttpException | org.apache.jena.query.QueryException e) {
                throw new java.io.IOException("cannot read the store at " + sparql + ": " + why(e)
                        + (sparqlUser == null ? "" : " (as user '" + sparqlUser + "')"), e);
            }
            ibcr.store(remote, mirror);
            served = mirror;
            source = "SPARQL store " + sparql + ", version " + mirror.storeVersion().tag();
        } else if (tdb2 != null) {
            if (!Files.isDirectory(tdb2)) {
                throw new ParameterException(spec.commandLine(), "No TDB2 database at " + tdb2 + ": create one with 'ibcr-kg load --tdb2 " + tdb2 + "'");
            }
            store = TdbStore.open(tdb2);
            served = store.dataset();
            source = "TDB2 database " + tdb2;
        } else {
            BuiltGraph graph = data.buildChecked(false);
            // Checking the shapes and filling the store only read the converted graph: side by side, start-up
            // takes the longer of the two instead of their sum. Nothing is served unless the data conforms.
            CompletableFuture<Void> check = CompletableFuture.runAsync(() -> DataOptions.check(graph), DAEMON);
            try {
                served = MemoryStore.copyOf(graph.dataset());
                check.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw e;
            } catch (RuntimeException | Error e) {
                check.cancel(false);
                throw e;
            }
            source = "data folder " + data.data + " (converted in memory)";
        }
        if (mirror == null) ibcr.dataset(served);
        ibcr.examples(ExampleQuery.fromFolder(queries));
        FusekiServer server = ibcr.build();
        server.start();
        TdbStore opened = store;
        StoreMirror polled = mirror;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            if (opened != null) opened.close();
            if (polled != null) polled.close();
        }, "ibcr-kg shutdown"));
        String base = "http://" + (host.equals("0.0.0.0") ? "localhost" : host.contains(":") ? "[" + host + "]" : host) + ":" + server.getHttpPort();
        out.println("Serving " + source);
        out.println("  SPARQL endpoint:  " + base + IbcrServer.DATASET + "/sparql");
        out.println("  Graph Store read: " + base + IbcrServer.DATASET + "/get");
        if (update) out.println("  Update (auth):    " + base + IbcrServer.DATASET + "/update and " + base + IbcrServer.DATASET + "/data");
        out.println("  Home page:        " + base + "/");
        out.println("  Query page:       " + base + "/query");
        out.println("  Search:           " + base + "/search");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        server.join();
        return ExitCode.OK;
    }

    /**
     * The server's builder with every option applied, before any data is read: the builder checks each value, and
     * its refusal is a usage error naming the option.
     */
    private IbcrServer configured() throws java.io.IOException {
        if (update && passwd == null) throw usage("--update needs --passwd FILE: updates are only for authenticated users");
        if (passwd != null && !update) throw usage("--passwd is for --update");
        if (sparql != null && tdb2 != null) throw usage("--sparql and --tdb2 are two stores: serve one");
        if (sparql != null && update) throw usage("--update is not for --sparql: write the store with 'ibcr-kg load --endpoint'");
        if (sparql == null && (gsp != null || sparqlUser != null || sparqlPasswordFile != null)) {
            throw usage("--gsp, --sparql-user and --sparql-password-file are for --sparql");
        }
        if ((sparqlUser == null) != (sparqlPasswordFile == null)) throw usage("--sparql-user and --sparql-password-file go together");
        if (!(poll > 0)) throw usage("Invalid value for option '--poll': it must be a positive number of seconds");
        IbcrServer ibcr = IbcrServer.create().prepareSearch(true); // the search index is ready by the first search
        option("--port", () -> ibcr.port(port));
        option("--host", () -> ibcr.host(host));
        option("--timeout", () -> ibcr.queryTimeout(Duration.ofMillis((long) (timeout * 1000))));
        option("--max-body", () -> ibcr.maxBody(maxBody));
        option("--rate-limit", () -> ibcr.rateLimit(rateLimit));
        if (rateBurst != null) option("--rate-burst", () -> ibcr.rateBurst(rateBurst));
        option("--max-page-rows", () -> ibcr.maxPageRows(maxPageRows));
        option("--cache", () -> ibcr.cache(mebibytes(cacheMib)));
        option("--dump-versions", () -> ibcr.keptVersions(dumpVersions));
        option("--result-cache", () -> ibcr.resultCache(size(resultCache)));
        option("--public-base", () -> ibcr.publicBase(publicBase));
        option("--cors-origin", () -> ibcr.corsOrigins(corsOrigins));
        QueryLimits defaults = QueryLimits.defaults();
        option("--max-query-length", () -> new QueryLimits(maxQueryLength, defaults.maxProjection(), defaults.maxDepth()));
        option("--max-query-depth", () -> new QueryLimits(defaults.maxLength(), defaults.maxProjection(), maxQueryDepth));
        option("--max-projection", () -> ibcr.queryLimits(new QueryLimits(maxQueryLength, maxProjection, maxQueryDepth)));
        if (passwd != null) {
            option("--passwd", () -> ibcr.updatesFor(passwd));
            refuseSharedPasswordFile(passwd);
        }
        option("--idle-timeout", () -> ibcr.slowClients(new SlowClientLimits(
                Duration.ofMillis((long) (idleTimeout * 1000)), minDataRate, 0, maxConnections)));
        if ((loadFrom != null || allowRemoteLoad) && !update) throw usage("--load-from and --allow-remote-load are for --update");
        if (update) option("--load-from", () -> ibcr.loadPolicy(LoadPolicy.of(loadFrom, allowRemoteLoad)));
        return ibcr;
    }

    /** Why a store could not be read, in a line: its HTTP status, or the network's reason. */
    private static String why(RuntimeException e) {
        int status = e instanceof org.apache.jena.atlas.web.HttpException h ? h.getStatusCode()
                : e instanceof org.apache.jena.sparql.engine.http.QueryExceptionHTTP q ? q.getStatusCode() : -1;
        if (status > 0) {
            return "HTTP " + status + " " + e.getMessage() + (status == 404 ? " (is it the store's SPARQL query endpoint?)"
                    : status == 401 || status == 403 ? " (see --sparql-user and --sparql-password-file)" : "");
        }
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) return "nothing answers there (is the store running?)";
            root = t;
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** The store of --sparql with its options. */
    private SparqlStore remoteStore() throws java.io.IOException {
        SparqlStore remote;
        try {
            remote = SparqlStore.of(sparql);
        } catch (IllegalArgumentException e) {
            throw usage("Invalid value for option '--sparql': " + e.getMessage());
        }
        if (gsp != null) option("--gsp", () -> remote.gsp(gsp));
        if (sparqlUser != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(sparqlPasswordFile, java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.nio.file.NoSuchFileException e) {
                throw usage("No such password file: " + sparqlPasswordFile);
            }
            if (lines.isEmpty() || lines.get(0).isEmpty()) throw usage("The password file " + sparqlPasswordFile + " is empty");
            remote.credentials(sparqlUser, lines.get(0));
        }
        return remote;
    }

    /** Applies one option to the builder; a value it refuses is a usage error. */
    private void option(String name, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw usage("Invalid value for option '" + name + "': " + e.getMessage());
        }
    }

    /** A size such as 64M, 512K, 1G or 0; a bare number is MiB, as for --cache. */
    private static long size(String text) {
        var m = java.util.regex.Pattern.compile("(\\d{1,12})\\s*([KMG]?)(?:i?B)?", java.util.regex.Pattern.CASE_INSENSITIVE).matcher(text.strip());
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a size such as 64M, 512K, 1G or 0");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toUpperCase(java.util.Locale.ROOT)) {
            case "K" -> n << 10;
            case "G" -> mebibytes(n << 10);
            default -> mebibytes(n);
        };
    }

    private static long mebibytes(long mib) {
        if (mib > Long.MAX_VALUE >> 20) throw new IllegalArgumentException(mib + " MiB is more memory than any machine has");
        return mib << 20;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Passwords other users can read are no secret: like ssh with its keys, refuse them. */
    private void refuseSharedPasswordFile(Path file) throws java.io.IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) return;
        var permissions = Files.getPosixFilePermissions(file);
        var shared = java.util.EnumSet.of(java.nio.file.attribute.PosixFilePermission.GROUP_READ,
                java.nio.file.attribute.PosixFilePermission.GROUP_WRITE, java.nio.file.attribute.PosixFilePermission.OTHERS_READ,
                java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
        shared.retainAll(permissions);
        if (!shared.isEmpty()) {
            throw usage("The password file " + file + " can be read or written by other users ("
                    + java.nio.file.attribute.PosixFilePermissions.toString(permissions) + "): run 'chmod 600 " + file + "'");
        }
    }
}
