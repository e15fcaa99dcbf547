package org.ibcr.kg.publish.http;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;

/**
 * Compresses responses for clients that accept gzip: Fuseki main leaves compression off, so this module
 * wraps its Jetty handler in Jetty's own gzip handler (POSTed queries included).
 */
public final class GzipModule implements FusekiModule {
    @Override
    public String name() {
        return "gzip";
    }

    @Override
    @SuppressWarnings("removal") // Jetty 12.1 deprecates GzipHandler for its successor, not yet in Fuseki's Jetty set
    public void server(FusekiServer server) {
        Server jetty = server.getJettyServer();
        GzipHandler gzip = new GzipHandler();
        gzip.setIncludedMethods("GET", "POST");
        gzip.setHandler(jetty.getHandler());
        jetty.setHandler(gzip);
    }
}
