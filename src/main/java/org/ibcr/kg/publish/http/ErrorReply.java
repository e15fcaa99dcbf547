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
 * errors.send(req, resp, HttpError.notFound("status.404"));
 * server.setErrorHandler(errors.jettyErrors());
 * }</pre>
 */
public final class ErrorReply {
    /** Renders the HTML page of an error. */
    @FunctionalInterface
    public interface HtmlPage {
        /**
         * @param message the message, in {@link Asked#language()}
         * @return the page, and the language it is in
         */
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

        /** The language of the reply, as the pages choose theirs: {@code ?lang=}, then Accept-Language, then English. */
        public String language() {
            return ErrorMessages.language(lang, acceptLanguage);
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
     * checks in front of the site and of the SPARQL endpoint. They do not read {@code ?lang=} (see {@link #send}): their
     * message is in the language of Accept-Language.
     */
    public static ErrorReply plain() {
        return PLAIN;
    }

    /** @param html renders the page browsers get, or null for plain text only */
    public static ErrorReply create(HtmlPage html) {
        return new ErrorReply(html);
    }

    public void send(HttpServletRequest req, HttpServletResponse resp, HttpError error) throws IOException {
        if (resp.isCommitted()) return; // the status line is gone: nothing more can be said
        resp.resetBuffer();
        reply(asked(req), error).send(req, resp);
    }

    private Asked asked(HttpServletRequest req) {
        // Without a page, ?lang= is not read: that parses the parameters, which may be what is refused (bad
        // percent-encoding, a bad charset) or may read a form body a limit has just refused.
        return html == null ? new Asked(req.getHeader("Accept"), req.getHeader("Accept-Language"), null) : Asked.of(req);
    }

    /**
     * The response to an error: the page, JSON or text the client accepts, in its language (with Content-Language),
     * with the headers it depends on.
     */
    public Reply reply(Asked asked, HttpError error) {
        String type = Negotiation.chooseLeniently(asked.accept(), OFFERS);
        int status = error.status();
        String lang = asked.language();
        String message = error.message(lang);
        Reply reply;
        if (Negotiation.isHtml(type) && html != null) {
            Page page = html.render(asked, status, message);
            reply = Reply.status(status, Body.text(page.html(), "text/html; charset=utf-8")).header("Content-Language", page.lang());
        } else {
            if (type.equals("application/json")) {
                JsonObject json = new JsonObject();
                json.put("status", status);
                json.put("message", message);
                reply = Reply.status(status, Body.text(json.toString() + "\n", "application/json"));
            } else {
                reply = Reply.status(status, Body.text(message + "\n", "text/plain; charset=utf-8"));
            }
            reply = reply.header("Content-Language", lang);
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
                send(request, response, callback, HttpError.forStatus(code));
            }
        };
    }

    /**
     * Sends the reply to an error through Jetty's core API (no servlet): the way {@link #jettyErrors()} answers. The
     * language is Accept-Language's: the address is not read.
     */
    public void send(Request request, Response response, Callback callback, HttpError error) {
        var headers = request.getHeaders();
        int status = error.status();
        Reply reply = reply(new Asked(headers.get(HttpHeader.ACCEPT), headers.get(HttpHeader.ACCEPT_LANGUAGE), null), error);
        response.setStatus(status);
        reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.body().contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().bytes().length);
        boolean head = "HEAD".equalsIgnoreCase(request.getMethod());
        response.write(true, ByteBuffer.wrap(head ? new byte[0] : reply.body().bytes()), callback);
    }

    /** Ours, not Jetty's, in English: its messages may name internals, and an exception's never reaches a client. */
    public static String messageFor(int status) {
        return HttpError.forStatus(status).getMessage();
    }
}
