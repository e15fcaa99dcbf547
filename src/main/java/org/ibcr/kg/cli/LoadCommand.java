package org.ibcr.kg.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.graph.Node;
import org.apache.jena.system.progress.MonitorOutput;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.store.RemoteStore;
import org.ibcr.kg.store.TdbStore;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ibcr-kg load}: the converted graph into a TDB2 database or a Graph Store Protocol endpoint. */
@Command(name = "load", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        header = "Load the graph into a TDB2 database or a Graph Store Protocol endpoint.",
        description = {
            "Converts and validates the data, then puts the data, the ontology and the dataset description",
            "as named graphs into a store, replacing those graphs:",
            "  --tdb2 DIR      an Apache Jena TDB2 database. A new one (DIR does not exist) is built with",
            "                  Jena's phased loader (tdb2.tdbloader's) beside DIR and renamed to DIR when",
            "                  complete; an existing one gets the difference (triples removed, triples",
            "                  added) in one transaction. Each load that changes the data is a new version",
            "                  (DIR/versions/, one RDF Patch a version; the first holds the whole data), which",
            "                  'serve' publishes. A load that fails leaves no database, or the previous graphs",
            "                  and versions intact and readable. With --no-validate a new database takes the",
            "                  triples as they are converted.",
            "  --endpoint URL  any SPARQL 1.1 Graph Store Protocol endpoint (a stock Fuseki: .../ds/data),",
            "                  one HTTP PUT per graph, between removing and putting again the graph",
            "                  {base}graph/version that holds the data's version (a digest of its content),",
            "                  which 'ibcr-kg serve --sparql' polls."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ibcr-kg load --tdb2 db/",
            "  ibcr-kg load --endpoint http://localhost:3030/ds/data --user admin --password-file pw.txt",
            "  ibcr-kg serve --tdb2 db/"})
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--tdb2", paramLabel = "DIR", description = "TDB2 database folder (created if missing).")
        Path tdb2;

        @Option(names = "--endpoint", paramLabel = "URL", description = "Graph Store Protocol endpoint URL.")
        String endpoint;
    }

    @Option(names = "--user", paramLabel = "USER", description = "User for the endpoint (HTTP basic or digest).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the endpoint password (kept out of the command line and shell history).")
    Path passwordFile;

    @Option(names = "--no-validate", description = "Skip SHACL validation.")
    boolean noValidate;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (target.tdb2 != null && Files.isRegularFile(target.tdb2)) {
            throw new ParameterException(spec.commandLine(), "--tdb2 " + target.tdb2 + " is a file, not a database folder");
        }
        if ((user == null) != (passwordFile == null)) {
            throw new ParameterException(spec.commandLine(), "--user and --password-file go together");
        }
        if (user != null && target.endpoint == null) {
            throw new ParameterException(spec.commandLine(), "--user and --password-file are for --endpoint");
        }
        RemoteStore remote = null;
        if (target.endpoint != null) {
            try {
                remote = RemoteStore.of(target.endpoint);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--endpoint': " + e.getMessage());
            }
            if (user != null) remote.credentials(user, readPassword());
        }
        PrintWriter err = spec.commandLine().getErr();
        MonitorOutput progress = quiet ? (fmt, args) -> {} : (fmt, args) -> err.println(String.format(fmt, args));
        if (remote == null && noValidate && isNew(target.tdb2)) {
            // Nothing to check first: the conversion streams straight into the loader, the graph never held whole.
            long started = System.nanoTime();
            GraphBuild build = data.build();
            long quads = TdbStore.create(target.tdb2, build::streamGraphs, progress);
            report(err, quads, 3, started, target.tdb2.toString());
            return ExitCode.OK;
        }
        BuiltGraph graph = data.buildChecked(!noValidate);
        long started = System.nanoTime();
        long quads = graph.dataset().stream().count();
        if (remote != null) {
            List<String> stored = new ArrayList<>();
            var versionGraph = graph.iris().graph("version");
            try {
                // First: with no version, readers (serve --sparql) keep the copy they have while graphs are replaced.
                remote.removeVersion(versionGraph);
                if (!quiet) err.printf("DELETE %s: no version until the load is complete%n", versionGraph.getURI());
                remote.replace(graph.dataset(), (name, size) -> {
                    stored.add(name.getURI());
                    if (!quiet) err.printf("PUT %s: %d triples%n", name.getURI(), size);
                });
                // Last: readers that see the new version find the new graphs (serve --sparql polls it).
                String version = RemoteStore.versionOf(graph.dataset());
                remote.putVersion(versionGraph, graph.iris().dataset(), version, java.time.Instant.now());
                stored.add(versionGraph.getURI());
                if (!quiet) err.printf("PUT %s: version %s%n", versionGraph.getURI(), version);
            } catch (HttpException e) {
                throw new IOException(refused(e, stored), e);
            }
            report(err, quads, graph.dataset().size(), started, target.endpoint);
            return ExitCode.OK;
        }
        if (isNew(target.tdb2)) {
            TdbStore.create(target.tdb2, out -> graph.dataset().find().forEachRemaining(out::quad), progress);
        } else {
            try (TdbStore store = TdbStore.open(target.tdb2)) {
                store.replaceGraphs(graph.dataset(), progress);
            }
        }
        report(err, quads, graph.dataset().size(), started, target.tdb2.toString());
        return ExitCode.OK;
    }

    /** Why the endpoint refused the load, in the user's terms (the exception alone says "401 - Unauthorized"). */
    private String refused(HttpException e, List<String> stored) {
        int status = e.getStatusCode();
        StringBuilder sb = new StringBuilder("loading into ").append(target.endpoint).append(" failed: ");
        if (status <= 0) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            sb.append("cannot reach the endpoint (").append(cause.getClass().getSimpleName())
                    .append(cause.getMessage() == null ? "" : ": " + cause.getMessage()).append("); is the server running?");
        } else {
            sb.append("HTTP ").append(e.getMessage());
            switch (status) {
                case 401 -> sb.append(user == null
                        ? ": the endpoint needs a user and password (--user USER --password-file FILE)"
                        : ": the endpoint refused user '" + user + "' with that password (check --user and --password-file)");
                case 403 -> sb.append(": the user may not write to this endpoint");
                case 404, 405 -> sb.append(": is it a Graph Store Protocol endpoint that accepts writes? (a stock Fuseki's is http://HOST:3030/DATASET/data)");
                default -> { }
            }
        }
        if (!stored.isEmpty()) sb.append(". Already replaced before the failure: ").append(String.join(", ", stored));
        return sb.toString();
    }

    private String readPassword() throws IOException {
        try {
            List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "The password file " + passwordFile + " is empty");
            }
            return lines.get(0);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "No such password file: " + passwordFile);
        }
    }

    /**
     * No database yet: it is built with the fast loader beside {@code dir} and renamed into place when complete.
     * An existing folder, even empty, is loaded in place: it may be a mount point or a link, which a rename would
     * not replace.
     */
    private static boolean isNew(Path dir) {
        return !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    private void report(PrintWriter err, long quads, long graphs, long started, String where) {
        if (quiet) return;
        long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        err.printf("Loaded %d triples in %d named graphs into %s in %d ms (%d triples/s)%n", quads, graphs, where, ms, quads * 1000 / ms);
    }
}
