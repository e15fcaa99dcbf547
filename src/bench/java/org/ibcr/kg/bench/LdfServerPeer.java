package org.ibcr.kg.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The fragments' peer: the Linked Data Fragments server of Server.js (npm {@code @ldf/server}, Node.js), installed
 * under {@code target/ldf-server} and configured with one {@code NTriplesDatasource} (its in-memory N3 store, read
 * from an N-Triples file at start) at {@code /ibcr}, one worker process. It answers the same query strings as our
 * {@code /fragments} ({@code ?subject=&predicate=&object=&page=}, IRIs bare, literals quoted), 100 triples a page.
 * Installed without npm's optional dependencies: the only one is the native HDT binding, which this peer does not use.
 *
 * <pre>{@code
 * Path script = LdfServerPeer.install(Path.of("target/ldf-server"), true, logs);
 * ServerProcess ldf = LdfServerPeer.start(script, Path.of("target/bench/fragments.nt"), 8082, logs, pinning);
 * // GET http://127.0.0.1:8082/ibcr?subject=https://w3id.org/ibcr/id/organisation/ibcr
 * }</pre>
 */
public final class LdfServerPeer {
    public static final String VERSION = "3.3.0";
    /** The path of the one dataset. */
    public static final String DATASET = "/ibcr";

    private LdfServerPeer() {}

    /** The server's start script in {@code prefix}. */
    public static Path serverScript(Path prefix) {
        return prefix.resolve("node_modules").resolve("@ldf").resolve("server").resolve("bin").resolve("ldf-server");
    }

    /**
     * The start script, installed with npm into {@code prefix} first if {@code install} and it is not there.
     *
     * @throws Datasets.Skipped with the reason when it is not there and cannot be installed
     */
    public static Path install(Path prefix, boolean install, Path logs) throws IOException {
        Objects.requireNonNull(prefix, "prefix");
        Path script = serverScript(prefix);
        if (Files.exists(script)) return script;
        if (!install) {
            throw new Datasets.Skipped("not run: @ldf/server is not installed (npm install --omit=optional --prefix " + prefix
                    + " @ldf/server@" + VERSION + ")");
        }
        Files.createDirectories(prefix);
        ChildRun.Outcome o = ChildRun.of(List.of("npm", "install", "--no-audit", "--no-fund", "--omit=optional", "--prefix",
                prefix.toString(), "@ldf/server@" + VERSION)).logs(logs, "ldf-server-install").limit(Duration.ofMinutes(10)).run();
        if (!o.ok() || !Files.exists(script)) {
            throw new Datasets.Skipped("not run: npm install @ldf/server@" + VERSION + " failed (" + o.failure() + ")");
        }
        return script;
    }

    /**
     * Starts the server on {@code port} over the N-Triples file {@code nt}, on the servers' CPUs of {@code pinning},
     * ready once its dataset answers TriG.
     */
    public static ServerProcess start(Path script, Path nt, int port, Path logs, Pinning pinning) throws IOException {
        Path config = logs.resolve("ldf-server-config.json").toAbsolutePath();
        Files.createDirectories(logs);
        // The defaults of the Quad Pattern Fragments preset, one N-Triples datasource; everything else as shipped.
        Files.writeString(config, """
                {
                  "@context": "https://linkedsoftwaredependencies.org/bundles/npm/@ldf/server/^3.0.0/components/context.jsonld",
                  "@id": "urn:ldf-server:my",
                  "import": "preset-qpf:config-defaults.json",
                  "title": "IBCR knowledge graph (benchmark peer, written by org.ibcr.kg.bench.LdfServerPeer)",
                  "baseURL": "http://127.0.0.1:%d/",
                  "datasources": [
                    {
                      "@id": "urn:ldf-server:ibcr",
                      "@type": "NTriplesDatasource",
                      "datasourceTitle": "IBCR",
                      "description": "The triples of the IBCR knowledge graph",
                      "datasourcePath": "%s",
                      "file": "%s"
                    }
                  ]
                }
                """.formatted(port, DATASET.substring(1), nt.toAbsolutePath().toString().replace("\\", "/")), StandardCharsets.UTF_8);
        // one worker: the server has one CPU, as ours does
        return ServerProcess.start(pinning.server(List.of("node", script.toAbsolutePath().toString(), config.toString(), Integer.toString(port), "1")),
                "http://127.0.0.1:" + port + DATASET, "application/trig", logs, "fragments-ldf", Duration.ofMinutes(2));
    }
}
