package org.ibcr.kg.publish.http;

import java.io.IOException;
import java.util.List;

import org.apache.jena.atlas.json.JsonObject;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one place an error becomes a response: an HTML page for browsers (rendered by the site, in the reader's
 * language, with its navigation), JSON for clients that prefer it, plain text for the rest. Never a stack
 * trace. Every {@link HttpError} of a route and every error Jetty itself answers (an unknown path, a failure)
 * comes here.
 *
 * <pre>{@code
 * ErrorReply errors = ErrorReply.create((req, status, message) -> "<!DOCTYPE html>...");
 * errors.send(req, resp, HttpError.notFound("Nothing here."));
 * }</pre>
 */
public final class ErrorReply {
    /** Renders the HTML page of an error. */
    @FunctionalInterface
    public interface HtmlPage {
        /** @return the page, and the language it is in */
        Page render(HttpServletRequest req, int status, String message);
    }

    /** An error page and its language. */
    public record Page(String html, String lang) {}

    private static final List<String> OFFERS = List.of("text/plain", "text/html", "application/xhtml+xml", "application/json");

    private final HtmlPage html;

    private ErrorReply(HtmlPage html) {
        this.html = html;
    }

    /** @param html renders the page browsers get, or null for plain text only */
    public static ErrorReply create(HtmlPage html) {
        return new ErrorReply(html);
    }

    public void send(HttpServletRequest req, HttpServletResponse resp, HttpError error) throws IOException {
        send(req, resp, error.status(), error.getMessage());
    }

    public void send(HttpServletRequest req, HttpServletResponse resp, int status, String message) throws IOException {
        if (resp.isCommitted()) return; // the status line is gone: nothing more can be said
        resp.resetBuffer();
        String type = Negotiation.chooseLeniently(req.getHeader("Accept"), OFFERS);
        Reply reply;
        if (Negotiation.isHtml(type) && html != null) {
            Page page = html.render(req, status, message);
            reply = Reply.status(status, Body.text(page.html(), "text/html; charset=utf-8")).header("Content-Language", page.lang());
        } else if (type.equals("application/json")) {
            JsonObject json = new JsonObject();
            json.put("status", status);
            json.put("message", message);
            reply = Reply.status(status, Body.text(json.toString() + "\n", "application/json"));
        } else {
            reply = Reply.status(status, Body.text(message + "\n", "text/plain; charset=utf-8"));
        }
        reply.vary("Accept", "Accept-Language").send(req, resp);
    }
}
