package org.ibcr.kg.publish.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A response body with its media type and its strong entity tag (quoted), computed from the bytes.
 *
 * <pre>{@code
 * Body page = Body.of(html.getBytes(UTF_8), "text/html; charset=utf-8");
 * }</pre>
 */
public record Body(byte[] bytes, String contentType, String etag) {
    public Body {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(etag, "etag");
    }

    public static Body of(byte[] bytes, String contentType) {
        return new Body(bytes, contentType, etag(bytes));
    }

    /** UTF-8 text. */
    public static Body text(String text, String contentType) {
        return of(text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** The same bytes as another media type (a JSON-LD document asked for as {@code application/json}). */
    public Body as(String otherType) {
        return new Body(bytes, otherType, etag);
    }

    /** A strong entity tag of bytes: the first 128 bits of their SHA-256, quoted. */
    public static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }
}
