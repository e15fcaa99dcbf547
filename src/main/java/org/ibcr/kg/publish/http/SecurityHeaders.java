package org.ibcr.kg.publish.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Browser-side defences on every response, set before anything else answers: {@code X-Content-Type-Options: nosniff}
 * (a raw echo, a JSONP callback or a syntax error is never read as HTML or script), {@code X-Frame-Options: DENY},
 * {@code Referrer-Policy} and a {@code Content-Security-Policy} that our pages meet: scripts and style sheets only from
 * this server, no inline script, inline style blocks only by hash, style attributes allowed (the timeline places its
 * bars with them), no framing. The Fuseki UI (its bundle evaluates code) gets a policy of its own, as strict as it allows.
 * Also, TRACE and TRACK are refused (405), and the read-only system routes answer 405 to writes.
 *
 * <pre>{@code
 * SecurityHeaders.install(jetty, List.of(styleHash), "/index.html");
 * }</pre>
 */
public final class SecurityHeaders extends Handler.Wrapper {
    private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
    /** System routes that change nothing, with the methods they answer. */
    private static final Set<String> READ_ONLY = Set.of("/$/metrics", "/$/server", "/$/stats");
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final String sitePolicy;

    /**
     * @param styleHashes CSP source expressions ({@code 'sha256-...'}) of the inline style blocks our pages carry
     */
    public SecurityHeaders(List<String> styleHashes, Handler handler) {
        super(Objects.requireNonNull(handler, "handler"));
        String hashes = styleHashes.isEmpty() ? "" : " " + String.join(" ", styleHashes);
        String common = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        this.sitePolicy = common + "; script-src 'self'; style-src 'self'" + hashes + "; style-src-attr 'unsafe-inline'";
    }

    /** The policy our pages are sent with. */
    public String sitePolicy() {
        return sitePolicy;
    }

    /** CSP hash sources of every {@code <style>} block of an HTML page or template. */
    public static List<String> styleHashes(String html) {
        List<String> hashes = new ArrayList<>();
        Matcher m = STYLE.matcher(html);
        while (m.find()) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
                hashes.add("'sha256-" + Base64.getEncoder().encodeToString(digest) + "'");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return hashes;
    }

    /**
     * Wraps a server in these headers: as its outermost handler, and around its error handler, which answers what
     * Jetty refuses before any handler runs (a bad URI, an ambiguous path) on a response cleared of earlier headers.
     */
    public static void install(org.eclipse.jetty.server.Server jetty, List<String> styleHashes) {
        SecurityHeaders headers = new SecurityHeaders(styleHashes, jetty.getHandler());
        jetty.setHandler(headers);
        Request.Handler errors = jetty.getErrorHandler();
        jetty.setErrorHandler((request, response, callback) -> {
            headers.addHeaders(request, response);
            return errors.handle(request, response, callback);
        });
    }

    private void addHeaders(Request request, Response response) {
        var headers = response.getHeaders();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.put("Content-Security-Policy", sitePolicy);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        addHeaders(request, response);
        String path = Request.getPathInContext(request);
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (method.equals("TRACE") || method.equals("TRACK")) {
            return refuse(request, response, callback, "GET, HEAD, POST, OPTIONS");
        }
        if (READ_ONLY.contains(path) && !READ_METHODS.contains(method)) {
            return refuse(request, response, callback, "GET, HEAD, OPTIONS");
        }
        return super.handle(request, response, callback);
    }

    private static boolean refuse(Request request, Response response, Callback callback, String allow) {
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        ErrorReply.plain().send(request, response, callback, new HttpError(405, "method.not_here", allow));
        return true;
    }
}
