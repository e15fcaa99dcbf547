package org.ibcr.kg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.fuseki.main.FusekiServer;
import org.ibcr.kg.publish.ExampleQuery;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.store.TdbStore;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the browser tests share: the bundled data served on a free port (with the example queries of
 * {@code queries/}) and a headless Chromium to look at it, closed together.
 *
 * <pre>{@code
 * site = BrowserSite.start("chromedriver-map.log");
 * site.driver().get(site.base() + "/map");
 * }</pre>
 */
final class BrowserSite implements AutoCloseable {
    /** Where the browser tests put their screenshots. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final TdbStore store;
    private final FusekiServer server;
    private final HeadlessChromium browser;

    private BrowserSite(TdbStore store, FusekiServer server, HeadlessChromium browser) {
        this.store = store;
        this.server = server;
        this.browser = browser;
    }

    /** Serves the bundled data and starts Chromium, its driver logging to {@code driverLog} (skipped without it). */
    static BrowserSite start(String driverLog) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        TdbStore store = BundledStore.open();
        FusekiServer server = null;
        try {
            server = IbcrServer.create().port(0).dataset(store.dataset())
                    .examples(ExampleQuery.fromFolder(Path.of("queries"))).build().start();
            return new BrowserSite(store, server, HeadlessChromium.start(driverLog));
        } catch (IOException | RuntimeException | Error e) {
            if (server != null) server.stop();
            store.close();
            throw e;
        }
    }

    /** The server's address, without a trailing slash. */
    String base() {
        return "http://127.0.0.1:" + server.getHttpPort();
    }

    ChromeDriver driver() {
        return browser.driver();
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            try {
                server.stop();
            } finally {
                store.close();
            }
        }
    }
}
