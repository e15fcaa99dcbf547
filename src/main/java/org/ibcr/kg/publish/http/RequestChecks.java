package org.ibcr.kg.publish.http;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Locale;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Client errors found before a servlet sees the request, answered with a 4xx and a message instead of the 500 they
 * would become deeper down: parameters that do not decode (bad percent-encoding, a form with more fields than Jetty
 * allows, a form body in an unknown charset), a charset Java does not know in {@code Content-Type}, a compressed form
 * body, and the {@code stylesheet} parameter, which Fuseki would write into the XML results' processing instruction
 * (so {@code ?>} could break out into script): only our own presentation is served.
 *
 * <pre>{@code
 * builder.addFilter("/*", new RequestChecks()); // first: other filters ask for the content type
 * }</pre>
 */
public final class RequestChecks implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse resp)) {
            chain.doFilter(request, response);
            return;
        }
        // the raw header: Jetty's getContentType() throws on a charset Java does not know
        String contentType = req.getHeader("Content-Type");
        String charset = charsetOf(contentType);
        if (charset != null && !supported(charset)) {
            answer(req, resp, new HttpError(415, "charset.unknown", charset));
            return;
        }
        boolean form = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        String encoding = req.getHeader("Content-Encoding");
        if (form && encoding != null && !encoding.equalsIgnoreCase("identity")) {
            answer(req, resp, new HttpError(415, "form.compressed", encoding));
            return;
        }
        try {
            req.getParameterMap();
        } catch (RuntimeException e) {
            answer(req, resp, HttpError.badRequest("parameters.bad", reason(e)));
            return;
        }
        if (req.getParameter("stylesheet") != null) {
            answer(req, resp, HttpError.badRequest("stylesheet.unsupported"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) return null;
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) return p.substring("charset=".length()).replace("\"", "").strip();
        }
        return null;
    }

    private static boolean supported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The innermost message, without class names (no stack trace, no Java vocabulary in an answer). */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String message = t.getMessage() != null ? t.getMessage() : e.getMessage();
        if (message == null) return "they cannot be decoded.";
        message = message.replaceAll("(java|jakarta|org)\\.[\\w.$]+:?\\s*", "").strip();
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    private static void answer(HttpServletRequest req, HttpServletResponse resp, HttpError error) throws IOException {
        resp.setHeader("Connection", "close");
        ErrorReply.plain().send(req, resp, error);
    }
}
