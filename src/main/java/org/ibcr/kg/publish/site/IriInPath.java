package org.ibcr.kg.publish.site;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;
import org.ibcr.kg.publish.http.ErrorReply;
import org.ibcr.kg.publish.http.HttpError;

/**
 * An IRI appended to {@code /id/} as it is ({@code /id/https://w3id.org/ibcr/id/city/paris}) or with its slashes
 * encoded ({@code /id/https%3A%2F%2F...}): such addresses have empty segments or encoded separators, which Jetty
 * refuses by default with a page of its own. The connector accepts those (see {@link #COMPLIANCE}), and this
 * handler, outside the servlets, sends them to the lookup {@code /id/?uri=IRI} (303); any other address with them
 * gets the site's 400, so no servlet ever sees an ambiguous path.
 */
final class IriInPath extends Handler.Wrapper {
    /** Jetty's default, also allowing what an IRI in a path has: {@code //}, {@code %2F}, and encodings decoded to those. */
    static final UriCompliance COMPLIANCE = UriCompliance.DEFAULT.with("IBCR_IRI_IN_PATH", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING);
    private static final String PREFIX = "/id/";

    private final SiteAddress address;
    private final ErrorReply errors;

    IriInPath(Handler next, SiteAddress address, ErrorReply errors) {
        super(next);
        this.address = address;
        this.errors = errors;
    }

    /** Lets the connectors of a server accept what this handler then answers. */
    static void allowOn(HttpConfiguration config) {
        config.setUriCompliance(COMPLIANCE);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpURI uri = request.getHttpURI();
        if (!uri.isAmbiguous()) return super.handle(request, response, callback);
        String path = uri.getPath(); // as sent, still encoded
        String iri = path.startsWith(PREFIX) ? URIUtil.decodePath(path.substring(PREFIX.length())) : "";
        if (!iri.matches("(?i)https?:/.*")) {
            errors.send(request, response, callback, HttpError.badRequest("path.segments"));
            return true;
        }
        if (uri.getQuery() != null) iri += "?" + uri.getQuery();
        String location = address.url(PREFIX) + "?uri=" + URLEncoder.encode(iri, StandardCharsets.UTF_8);
        response.setStatus(303);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=300");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        boolean head = "HEAD".equalsIgnoreCase(request.getMethod());
        response.write(true, java.nio.ByteBuffer.wrap(head ? new byte[0] : ("See " + location + "\n").getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
