package org.ibcr.kg.publish.http;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one way a response leaves the site: status, body, media type, {@code ETag}, {@code Last-Modified},
 * {@code Cache-Control}, a {@code Vary} that names every request header the response depends on, {@code Link}
 * headers, and {@code 304} to a matching conditional request. HEAD gets exactly the headers of GET, without the
 * body. {@code Accept-Encoding} is always in {@code Vary}: the gzip handler compresses what a client accepts.
 *
 * <pre>{@code
 * Reply.of(body).lastModified(modified).vary("Accept").link(dataUrl, "alternate", "text/turtle").send(req, resp);
 * }</pre>
 */
public final class Reply {
    /** HTTP dates (RFC 9110, IMF-fixdate). */
    public static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /** What responses computed from the data say to caches: five minutes, then revalidate. */
    public static final String CACHE_DATA = "public, max-age=300";

    private final int status;
    private final Body body;
    private Instant lastModified;
    private String cacheControl = CACHE_DATA;
    private final Set<String> vary = new LinkedHashSet<>(List.of("Accept-Encoding"));
    private final List<String> links = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Reply(int status, Body body) {
        this.status = status;
        this.body = Objects.requireNonNull(body, "body");
    }

    /** A 200 response with this body. */
    public static Reply of(Body body) {
        return new Reply(200, body);
    }

    /** A response with another status, such as an error (no ETag, not revalidated). */
    public static Reply status(int status, Body body) {
        return new Reply(status, body);
    }

    /** A redirect ({@code 303 See Other}, or another 3xx) with a short text body naming where to go. */
    public static Reply redirect(int status, String location) {
        Reply reply = new Reply(status, Body.text("See " + location + "\n", "text/plain; charset=utf-8"));
        reply.headers.put("Location", location);
        return reply;
    }

    public Reply lastModified(Instant when) {
        this.lastModified = when;
        return this;
    }

    public Reply cacheControl(String value) {
        this.cacheControl = Objects.requireNonNull(value, "value");
        return this;
    }

    /** Names request headers the response depends on. */
    public Reply vary(String... requestHeaders) {
        vary.addAll(List.of(requestHeaders));
        return this;
    }

    /** A {@code Link} header (RFC 8288): {@code <uri>; rel="rel"}, with its media type where given. */
    public Reply link(String uri, String rel, String type) {
        links.add("<" + uri + ">; rel=\"" + rel + "\"" + (type == null ? "" : "; type=\"" + type + "\""));
        return this;
    }

    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Body body() {
        return body;
    }

    /** The headers of the reply but those that depend on its request (ETag, Last-Modified, Content-*): for an error. */
    public Map<String, String> headers() {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Cache-Control", status == 200 || status / 100 == 3 ? cacheControl : "no-store");
        all.put("Vary", String.join(", ", vary));
        if (!links.isEmpty()) all.put("Link", String.join(", ", links));
        all.put("X-Content-Type-Options", "nosniff");
        return all;
    }

    /**
     * Writes the response: the same headers for GET and HEAD (Content-Encoding included), the body only for GET,
     * {@code 304} without body when the client's copy is current.
     */
    public void send(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean ok = status == 200;
        resp.setStatus(status);
        Set<String> names = new LinkedHashSet<>();
        for (String v : resp.getHeaders("Vary")) for (String n : v.split(",")) if (!n.isBlank()) names.add(n.strip());
        names.addAll(vary); // keeps what came before, such as the CORS handler's Origin
        headers().forEach(resp::setHeader);
        resp.setHeader("Vary", String.join(", ", names));
        if (ok) resp.setHeader("ETag", body.etag());
        if (ok && lastModified != null) resp.setHeader("Last-Modified", HTTP_DATE.format(lastModified));
        if (ok && ConditionalGet.notModified(req, body.etag(), lastModified)) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(body.contentType());
        resp.setContentLength(body.bytes().length);
        // Written for HEAD too: Jetty sends no body to HEAD, and the gzip handler then says Content-Encoding as for GET.
        resp.getOutputStream().write(body.bytes());
    }
}
