package org.ibcr.kg.publish.http;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.SizeLimitHandler;

/**
 * Limits the size of request bodies with Jetty's {@link SizeLimitHandler}: a request whose Content-Length
 * is over the limit gets 413 before its body is read; a chunked body fails with 413 once it passes it.
 * Registered before {@link GzipModule}, so it sits inside the gzip handler and counts inflated bytes.
 */
public final class BodyLimitModule implements FusekiModule {
    private final long maxBody;

    public BodyLimitModule(long maxBody) {
        this.maxBody = maxBody;
    }

    @Override
    public String name() {
        return "body-limit";
    }

    @Override
    public void server(FusekiServer server) {
        Server jetty = server.getJettyServer();
        SizeLimitHandler limit = new SizeLimitHandler(maxBody, -1);
        limit.setHandler(jetty.getHandler());
        jetty.setHandler(limit);
    }
}
