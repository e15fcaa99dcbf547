package org.ibcr.kg.publish.http;

import java.util.List;
import java.util.Optional;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaRange;
import org.apache.jena.atlas.web.MediaType;

/**
 * Content negotiation on {@code Accept} (RFC 9110): each offer gets the q-value of the most specific
 * range that matches it; the highest wins, and ties go to the server's order of preference. A q of 0
 * rules an offer out. Jena parses the header.
 *
 * <pre>{@code
 * Optional<String> type = Negotiation.choose(req.getHeader("Accept"), List.of("text/turtle", "text/html"));
 * }</pre>
 */
public final class Negotiation {
    private static final int MAX_ACCEPT = 2000;

    private Negotiation() {}

    /**
     * @param accept the header, or null (anything goes)
     * @param offers the media types on offer, most preferred first
     * @return the chosen offer, or empty when none is acceptable (406)
     * @throws HttpError 400 when the header does not parse
     */
    public static Optional<String> choose(String accept, List<String> offers) {
        if (accept == null || accept.isBlank()) return Optional.of(offers.get(0));
        if (accept.length() > MAX_ACCEPT) throw HttpError.badRequest("accept.too_long");
        List<MediaRange> ranges;
        try {
            ranges = new AcceptList(accept).entries();
        } catch (RuntimeException e) {
            throw HttpError.badRequest("accept.unparsed");
        }
        if (ranges.isEmpty()) throw HttpError.badRequest("accept.unparsed");
        String best = null;
        double bestQ = 0;
        for (String offer : offers) {
            MediaType type = MediaType.create(offer);
            MediaRange match = null;
            for (MediaRange r : ranges) {
                if (r.accepts(type) && (match == null || r.moreGroundedThan(match))) match = r;
            }
            if (match != null && match.get_q() > bestQ) {
                best = offer;
                bestQ = match.get_q();
            }
        }
        return Optional.ofNullable(best);
    }

    /** As {@link #choose}, but a header that does not parse chooses the first offer (for error responses). */
    public static String chooseLeniently(String accept, List<String> offers) {
        try {
            return choose(accept, offers).orElse(offers.get(0));
        } catch (HttpError e) {
            return offers.get(0);
        }
    }

    /** Whether a chosen type is HTML. */
    public static boolean isHtml(String type) {
        return type.equals("text/html") || type.equals("application/xhtml+xml");
    }
}
