package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.system.Txn;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.publish.site.StoreMirror;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.SparqlStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of {@link LinkedDataTest} (the crawler, content negotiation, pages, dumps, conditional requests...) with
 * the server as {@code serve --sparql} runs it over Virtuoso ({@link VirtuosoStore}, filled by {@code load
 * --endpoint}) instead of the embedded store: the site answers alike whatever store holds the data. The tests that
 * start a server of their own (a partial or hostile graph, another public base) start it embedded, as there.
 */
class LinkedDataOverVirtuosoTest extends LinkedDataTest {
    @BeforeAll
    static void start() {
        VirtuosoStore virtuoso = VirtuosoStore.loaded();
        built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        SparqlStore store = SparqlStore.of(virtuoso.queryUrl());
        StoreMirror mirror = StoreMirror.open(store, Duration.ofSeconds(5), line -> {});
        FusekiServer server = IbcrServer.create().port(0).store(store, mirror).build().start();
        assertEquals(org.apache.jena.atlas.iterator.Iter.count(built.dataset().listGraphNodes()), mirror.graphs().size(), "graphs read: " + mirror.graphs());
        main = new Running(server, mirror, name -> Txn.calculateRead(mirror, () -> (long) mirror.getGraph(name).size()),
                "http://127.0.0.1:" + server.getHttpPort());
        base = main.base();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        if (main != null) main.close();
    }
}
