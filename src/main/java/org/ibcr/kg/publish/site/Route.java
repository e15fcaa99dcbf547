package org.ibcr.kg.publish.site;

import java.io.IOException;
import java.util.Objects;

import org.ibcr.kg.publish.http.Reply;

/**
 * One route of the site: a servlet path spec ({@code /page/*}, {@code /ontology}, {@code ""} for the root) and
 * the handler that answers it. Routes are declared once, in {@link SiteRoutes}, and each is registered on
 * Fuseki as a servlet of its own; a handler reads the servlet path info ({@link Exchange#pathInfo()}).
 *
 * <pre>{@code
 * new Route("/timeline", x -> Reply.of(site.page("timeline", model)))
 * }</pre>
 */
record Route(String pathSpec, Handler handler) {
    /** Answers a GET (or HEAD) with a reply, or throws {@link org.ibcr.kg.publish.http.HttpError}. */
    @FunctionalInterface
    interface Handler {
        Reply handle(Exchange exchange) throws IOException;
    }

    Route {
        Objects.requireNonNull(pathSpec, "pathSpec");
        Objects.requireNonNull(handler, "handler");
        if (!pathSpec.isEmpty() && !pathSpec.startsWith("/")) throw new IllegalArgumentException("a path spec starts with /: " + pathSpec);
    }
}
