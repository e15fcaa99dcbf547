package org.ibcr.kg.publish.http;

import java.util.Arrays;
import java.util.List;

/**
 * A request the server refuses, with its HTTP status and a message for the client in English and French. Thrown
 * anywhere while a request is handled and rendered in one place ({@link ErrorReply}): an HTML page for browsers, JSON or
 * plain text for the rest, in the reader's language, never a stack trace.
 *
 * <p>The message is a key of the bundles {@code messages/errors_en.properties} and {@code messages/errors_fr.properties},
 * with the values put in for {@code {0}}, {@code {1}}...; a value that is itself a {@link Phrase} is put in in the
 * reader's language too. {@link #getMessage()} is the English text, for logs.
 *
 * <pre>{@code
 * if (!exists) throw HttpError.notFound("resource.none", iri);   // "There is no resource ...", "Il n'y a pas de ressource ..."
 * }</pre>
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient ErrorMessages.Message message;

    /** A word or phrase of the bundles put into a message, in the message's language. */
    public record Phrase(String key) {
        public Phrase {
            ErrorMessages.check(key);
        }
    }

    /**
     * @param key  a key of the error bundles (an unknown key fails here, so a test that reaches it finds it)
     * @param args the values of {@code {0}}, {@code {1}}...: text as it is, or a {@link Phrase}
     */
    public HttpError(int status, String key, Object... args) {
        this(status, ErrorMessages.message(key, Arrays.asList(args)));
    }

    private HttpError(int status, ErrorMessages.Message message) {
        super(message.text("en"), null, false, false); // a refusal, not a fault: no stack trace to fill or show
        if (status < 400 || status > 599) throw new IllegalArgumentException("not an error status: " + status);
        this.status = status;
        this.message = message;
    }

    public static HttpError notFound(String key, Object... args) {
        return new HttpError(404, key, args);
    }

    public static HttpError badRequest(String key, Object... args) {
        return new HttpError(400, key, args);
    }

    /** Our message for a status Jetty answers itself (an unknown path, a bad request line, a failure), not Jetty's. */
    public static HttpError forStatus(int status) {
        return switch (status) {
            case 400, 404, 405, 413, 414, 431, 503 -> new HttpError(status, "status." + status);
            default -> status >= 500 ? new HttpError(status, "status.server") : new HttpError(status, "status.client", Integer.toString(status));
        };
    }

    public int status() {
        return status;
    }

    /** The message in a language of {@link ErrorMessages#LANGUAGES}; English for any other. */
    public String message(String lang) {
        return message.text(lang);
    }

    /** The bundle key of the message. */
    public String key() {
        return message.key();
    }

    /** The values of the message's placeholders. */
    public List<Object> args() {
        return message.args();
    }
}
