package org.ibcr.kg.publish.http;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

/** HTTP conditional GET (RFC 9110): whether the client's copy, named by ETag or date, is still current. */
public final class ConditionalGet {
    private ConditionalGet() {}

    /**
     * @param etag         the response's strong entity tag, quoted
     * @param lastModified when the content last changed, or null when unknown
     */
    public static boolean notModified(HttpServletRequest req, String etag, Instant lastModified) {
        String ifNoneMatch = req.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            // If-None-Match wins over If-Modified-Since; a weak comparison is enough for GET.
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) return true;
            }
            return false;
        }
        if (lastModified == null) return false;
        try {
            long since = req.getDateHeader("If-Modified-Since");
            return since >= 0 && lastModified.toEpochMilli() / 1000 <= since / 1000;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
