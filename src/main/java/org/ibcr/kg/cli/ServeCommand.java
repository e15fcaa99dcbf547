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
import org.ibcr.kg.publish.http.SlowClientLimits;
import org.ibcr.kg.store.MemoryStore;
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
            "  /ibcr/sparql, /ibcr/query   SPARQL 1.1 query (GET, POST; result format by Accept)",
            "  /ibcr/get                   Graph Store Protocol, read",
            "  /ibcr/update, /ibcr/data    SPARQL Update and GSP write: only with --update --passwd",
            "  /                           home page; every resource as a page (/id/...), /ontology, /dumps/",
            "  /query                      query page with every example of queries/; Fuseki UI at /index.html",
            "  /$/ping, /$/stats, /$/metrics, /$/server",
            "The default graph is the union of the named graphs (data, ontology, dataset description).",
            "Stop it with Ctrl-C (or SIGTERM): it shuts down cleanly."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ibcr-kg serve",
            "  ibcr-kg serve --port 8080 --timeout 30",
            "  ibcr-kg serve --max-body 65536 --rate-limit 20 --max-page-rows 200",
            "  ibcr-kg load --tdb2 db/ && ibcr-kg serve --tdb2 db/",
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

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "3030", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--tdb2", paramLabel = "DIR", description = "Serve this TDB2 database instead of converting the data folder.")
    Path tdb2;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
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

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Largest request body in bytes (default: ${DEFAULT-VALUE}, 1 MiB); a larger one gets 413.")
    long maxBody;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "50", // IbcrServer.DEFAULT_RATE_LIMIT
            description = "Requests a second per client address (default: ${DEFAULT-VALUE}; 0 = off); over it, 429 with Retry-After.")
    double rateLimit;

    @Option(names = "--rate-burst", paramLabel = "N",
            description = "Requests a client may send at once before --rate-limit applies (default: twice the rate).")
    Integer rateBurst;

    @Option(names = "--max-page-rows", paramLabel = "N", defaultValue = "500",
            description = "Values per property, and rows per list, on an HTML page (default: ${DEFAULT-VALUE}).")
    int maxPageRows;

    @Option(names = "--cache", paramLabel = "MIB", defaultValue = "64",
            description = "Memory for the pages, data documents and graph files kept until the data changes, in MiB "
                    + "(default: ${DEFAULT-VALUE}; 0 = render every request).")
    long cacheMib;

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

    @Option(names = "--queries", paramLabel = "DIR", defaultValue = "queries",
            description = "Folder of example .rq files for the query page (default: ${DEFAULT-VALUE}).")
    Path queries;

    @Override
    public Integer call() throws Exception {
        if (update && passwd == null) {
            throw new ParameterException(spec.commandLine(), "--update needs --passwd FILE: updates are only for authenticated users");
        }
        if (passwd != null && !update) {
            throw new ParameterException(spec.commandLine(), "--passwd is for --update");
        }
        if (passwd != null && !Files.isReadable(passwd)) {
            throw new ParameterException(spec.commandLine(), "Cannot read the password file " + passwd);
        }
        if (passwd != null) refuseSharedPasswordFile(passwd);
        if (timeout <= 0) throw new ParameterException(spec.commandLine(), "--timeout must be positive");
        if (maxBody < 1) throw new ParameterException(spec.commandLine(), "--max-body must be at least 1 byte");
        if (!(rateLimit >= 0) || Double.isInfinite(rateLimit)) {
            throw new ParameterException(spec.commandLine(), "--rate-limit must be 0 (off) or a positive number");
        }
        if (rateBurst != null && rateBurst < 1) throw new ParameterException(spec.commandLine(), "--rate-burst must be at least 1");
        if (maxPageRows < 1) throw new ParameterException(spec.commandLine(), "--max-page-rows must be at least 1");
        if (cacheMib < 0 || cacheMib > (Long.MAX_VALUE >> 20)) throw new ParameterException(spec.commandLine(), "--cache must be 0 (off) or a number of MiB");
        if (!(idleTimeout >= 0.001) || Double.isInfinite(idleTimeout)) throw new ParameterException(spec.commandLine(), "--idle-timeout must be positive");
        if (minDataRate < 0) throw new ParameterException(spec.commandLine(), "--min-data-rate must be 0 (off) or positive");
        if (maxConnections < 0) throw new ParameterException(spec.commandLine(), "--max-connections must be 0 (off) or positive");
        if ((loadFrom != null || allowRemoteLoad) && !update) {
            throw new ParameterException(spec.commandLine(), "--load-from and --allow-remote-load are for --update");
        }
        if (loadFrom != null && !Files.isDirectory(loadFrom)) throw new ParameterException(spec.commandLine(), "--load-from " + loadFrom + " is not a folder");
        PrintWriter out = spec.commandLine().getOut();
        TdbStore store = null;
        DatasetGraph served;
        String source;
        if (tdb2 != null) {
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
        IbcrServer ibcr = IbcrServer.create().port(port).host(host).dataset(served)
                .queryTimeout(Duration.ofMillis((long) (timeout * 1000))).examples(ExampleQuery.fromFolder(queries))
                .maxBody(maxBody).rateLimit(rateLimit).maxPageRows(maxPageRows).cache(cacheMib << 20);
        if (rateBurst != null) ibcr.rateBurst(rateBurst);
        ibcr.slowClients(new SlowClientLimits(Duration.ofMillis((long) (idleTimeout * 1000)), minDataRate, 0, maxConnections));
        if (update) ibcr.updatesFor(passwd).loadPolicy(LoadPolicy.of(loadFrom, allowRemoteLoad));
        try {
            ibcr.publicBase(publicBase);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--public-base': " + e.getMessage());
        }
        FusekiServer server = ibcr.build();
        server.start();
        TdbStore opened = store;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            if (opened != null) opened.close();
        }, "ibcr-kg shutdown"));
        String base = "http://" + (host.equals("0.0.0.0") ? "localhost" : host.contains(":") ? "[" + host + "]" : host) + ":" + server.getHttpPort();
        out.println("Serving " + source);
        out.println("  SPARQL endpoint:  " + base + IbcrServer.DATASET + "/sparql");
        out.println("  Graph Store read: " + base + IbcrServer.DATASET + "/get");
        if (update) out.println("  Update (auth):    " + base + IbcrServer.DATASET + "/update and " + base + IbcrServer.DATASET + "/data");
        out.println("  Home page:        " + base + "/");
        out.println("  Query page:       " + base + "/query");
        out.println("  Fuseki UI:        " + base + IbcrServer.UI);
        out.println("Press Ctrl-C to stop.");
        out.flush();
        server.join();
        return ExitCode.OK;
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
            throw new ParameterException(spec.commandLine(), "The password file " + file + " can be read or written by other users ("
                    + java.nio.file.attribute.PosixFilePermissions.toString(permissions) + "): run 'chmod 600 " + file + "'");
        }
    }
}
