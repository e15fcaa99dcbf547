package org.ibcr.kg.publish.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Cross-origin requests, safe by default (the Fetch standard's CORS protocol). Reads (GET, HEAD, and POST to a
 * path that is not a write path, such as a SPARQL query) answer {@code Access-Control-Allow-Origin: *} without
 * credentials, so any page may read the open data but never with a user's login. Writes (PUT, DELETE, PATCH,
 * POST to a write path, any request with {@code Authorization}) from another origin are refused with 403,
 * preflight included, unless that origin is named in {@link #allowing}: such an origin gets its own name back,
 * {@code Access-Control-Allow-Credentials: true} and {@code Vary: Origin}. It wraps the whole server, before
 * authentication, so a refused preflight never reaches a login challenge; inside the body limit and gzip.
 *
 * <p>Jetty's {@code CrossOriginHandler} echoes every allowed origin and has one credentials setting for all
 * requests; the two policies here (open reads, named writers) need this small wrapper.
 *
 * <pre>{@code
 * FusekiModules.create(CorsHandler.allowing(List.of("https://editor.example.org"), Set.of("/ibcr/update")));
 * }</pre>
 */
public final class CorsHandler extends Handler.Wrapper {
    /** What a browser may read of a response besides the safelisted headers. */
    static final String EXPOSED = "ETag, Link, Content-Language, Content-Disposition, Location, Memento-Datetime, X-Cache";
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "POST", "OPTIONS");
    private static final Duration MAX_AGE = Duration.ofHours(1);

    private final Set<String> writers;
    private final List<String> writePaths;

    private CorsHandler(List<String> writers, List<String> writePaths) {
        this.writers = Set.copyOf(writers);
        this.writePaths = List.copyOf(writePaths);
    }

    /**
     * @param writerOrigins origins ({@code https://host[:port]}) allowed to send credentialed writes; empty for none
     * @param writePaths    path prefixes where even a POST writes, such as {@code /ibcr/update}
     * @return a module that puts the handler around the server's handlers
     */
    public static HandlerModule allowing(List<String> writerOrigins, List<String> writePaths) {
        CorsHandler handler = new CorsHandler(Objects.requireNonNull(writerOrigins, "writerOrigins"),
                Objects.requireNonNull(writePaths, "writePaths"));
        return HandlerModule.of("cors", next -> {
            handler.setHandler(next);
            return handler;
        });
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        var headers = response.getHeaders();
        if (!writers.isEmpty()) headers.add(HttpHeader.VARY, "Origin"); // the answer below then depends on it
        if (origin == null) {
            headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            return super.handle(request, response, callback);
        }
        boolean named = writers.contains(origin);
        boolean sameOrigin = sameOrigin(origin, request);
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String path = Request.getPathInContext(request);
        String preflightMethod = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
        if (method.equals("OPTIONS") && preflightMethod != null) {
            String requested = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
            boolean write = isWrite(preflightMethod.toUpperCase(Locale.ROOT), path)
                    || (requested != null && requested.toLowerCase(Locale.ROOT).contains("authorization"));
            if (write && !named && !sameOrigin) return refuse(request, response, callback, origin);
            headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, write ? origin : "*");
            if (write) headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, write ? "GET, HEAD, POST, PUT, DELETE, OPTIONS" : "GET, HEAD, POST, OPTIONS");
            if (requested != null) headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, requested);
            headers.put(HttpHeader.ACCESS_CONTROL_MAX_AGE, Long.toString(MAX_AGE.toSeconds()));
            headers.add(HttpHeader.VARY, "Origin");
            response.setStatus(204);
            callback.succeeded();
            return true;
        }
        boolean write = isWrite(method, path) || request.getHeaders().contains(HttpHeader.AUTHORIZATION);
        if (write && !named && !sameOrigin) return refuse(request, response, callback, origin);
        if (named) {
            headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        } else {
            headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        }
        headers.put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
        return super.handle(request, response, callback);
    }

    private boolean isWrite(String method, String path) {
        if (!READ_METHODS.contains(method)) return true;
        return method.equals("POST") && writePaths.stream().anyMatch(path::startsWith);
    }

    /** An origin is the page's own when it names the host (and port) the request was sent to. */
    private static boolean sameOrigin(String origin, Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        int scheme = origin.indexOf("://");
        return host != null && scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    private static boolean refuse(Request request, Response response, Callback callback, String origin) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        HttpError message = new HttpError(403, "cors.write_refused", origin);
        // The body is read away first (the body limit, inside, still holds): an answer before it would close the
        // connection under a client still sending, which then sees no answer at all.
        Content.Source.consumeAll(request, Callback.from(() -> ErrorReply.plain().send(request, response, callback, message),
                callback::failed));
        return true;
    }
}
