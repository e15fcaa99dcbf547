package org.ibcr.kg.publish.http;

/**
 * A request the server refuses, with its HTTP status and a message for the client. Thrown anywhere while a
 * request is handled and rendered in one place ({@link ErrorReply}): an HTML page for browsers, JSON or plain
 * text for the rest, never a stack trace.
 *
 * <pre>{@code
 * if (!exists) throw HttpError.notFound("There is no resource " + iri + ".");
 * }</pre>
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public HttpError(int status, String message) {
        super(message, null, false, false); // a refusal, not a fault: no stack trace to fill or show
        if (status < 400 || status > 599) throw new IllegalArgumentException("not an error status: " + status);
        this.status = status;
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    public int status() {
        return status;
    }
}
