package org.ibcr.kg.publish.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.jena.atlas.json.JsonObject;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one place an error becomes a response: an HTML page for browsers (rendered by the site, in the reader's
 * language, with its navigation), JSON for clients that prefer it, plain text for the rest. Never a stack
 * trace. Every {@link HttpError} of a route, every error Jetty answers in the servlet context (an unknown path, a
 * failure) and, through {@link #jettyErrors()} set as the server's error handler, every request Jetty refuses before
 * any servlet runs (a malformed or ambiguous address) comes here.
 *
 * <pre>{@code
 * ErrorReply errors = ErrorReply.create((asked, status, message) -> new ErrorReply.Page("<!DOCTYPE html>...", "en"));
 * errors.send(req, resp, HttpError.notFound("Nothing here."));
 * server.setErrorHandler(errors.jettyErrors());
 * }</pre>
 */
public final class ErrorReply {
    /** Renders the HTML page of an error. */
    @FunctionalInterface
    public interface HtmlPage {
        /** @return the page, and the language it is in */
        Page render(Asked asked, int status, String message);
    }

    /** An error page and its language. */
    public record Page(String html, String lang) {}

    /**
     * What the client asked for that an error response depends on.
     *
     * @param accept         the Accept header, or null
     * @param acceptLanguage the Accept-Language header, or null
     * @param lang           the {@code ?lang=} parameter, or null (also when the address could not be read)
     */
    public record Asked(String accept, String acceptLanguage, String lang) {
        public static Asked of(HttpServletRequest req) {
            return new Asked(req.getHeader("Accept"), req.getHeader("Accept-Language"), req.getParameter("lang"));
        }
    }

    private static final List<String> OFFERS = List.of("text/plain", "text/html", "application/xhtml+xml", "application/json");

    private final HtmlPage html;
    private static final ErrorReply PLAIN = new ErrorReply(null);

    private ErrorReply(HtmlPage html) {
        this.html = html;
    }

    /**
     * The replies without an HTML page (plain text, or JSON for clients that prefer it): those of the limits and
     * checks in front of the site and of the SPARQL endpoint. Their messages say it in English, then in French.
     */
    public static ErrorReply plain() {
        return PLAIN;
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
        // Without a page, the language is not asked: reading ?lang= parses the parameters, which may be what is refused
        // (bad percent-encoding, a bad charset) or may read a form body a limit has just refused.
        Asked asked = html == null ? new Asked(req.getHeader("Accept"), req.getHeader("Accept-Language"), null) : Asked.of(req);
        reply(asked, status, message).send(req, resp);
    }

    /** The response to an error: the page, JSON or text the client accepts, with the headers it depends on. */
    public Reply reply(Asked asked, int status, String message) {
        String type = Negotiation.chooseLeniently(asked.accept(), OFFERS);
        Reply reply;
        if (Negotiation.isHtml(type) && html != null) {
            Page page = html.render(asked, status, message);
            reply = Reply.status(status, Body.text(page.html(), "text/html; charset=utf-8")).header("Content-Language", page.lang());
        } else if (type.equals("application/json")) {
            JsonObject json = new JsonObject();
            json.put("status", status);
            json.put("message", message);
            reply = Reply.status(status, Body.text(json.toString() + "\n", "application/json"));
        } else {
            reply = Reply.status(status, Body.text(message + "\n", "text/plain; charset=utf-8"));
        }
        return reply.vary("Accept", "Accept-Language");
    }

    /**
     * Jetty's error handler for the whole server: what Jetty refuses before any servlet runs (a bad
     * percent-encoding, a control character in the path, headers too large) gets this reply, with a message of
     * ours for its status, not Jetty's page.
     */
    public Request.Handler jettyErrors() {
        return new ErrorHandler() {
            @Override
            protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                    Callback callback) {
                send(request, response, callback, code, messageFor(code));
            }
        };
    }

    /** Sends the reply to an error through Jetty's core API (no servlet): the way {@link #jettyErrors()} answers. */
    public void send(Request request, Response response, Callback callback, int status, String message) {
        var headers = request.getHeaders();
        Reply reply = reply(new Asked(headers.get(HttpHeader.ACCEPT), headers.get(HttpHeader.ACCEPT_LANGUAGE), null), status, message);
        response.setStatus(status);
        reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.body().contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().bytes().length);
        boolean head = "HEAD".equalsIgnoreCase(request.getMethod());
        response.write(true, ByteBuffer.wrap(head ? new byte[0] : reply.body().bytes()), callback);
    }

    /** Ours, not Jetty's: its messages may name internals, and an exception's never reaches a client. */
    public static String messageFor(int status) {
        return switch (status) {
            case 404 -> "Nothing here.";
            case 405 -> "This address does not answer that method.";
            case 400 -> "Bad request: the address or a header is malformed.";
            case 413 -> "The request body is too large.";
            case 414 -> "The address is too long.";
            case 431 -> "The request headers are too large.";
            case 503 -> "The server is busy: try again later.";
            default -> status >= 500 ? "The server failed to answer this request." : "The request was refused (" + status + ").";
        };
    }
}
