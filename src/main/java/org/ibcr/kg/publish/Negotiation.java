package org.ibcr.kg.publish;

import java.util.List;
import java.util.Optional;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaRange;
import org.apache.jena.atlas.web.MediaType;

/**
 * Content negotiation on {@code Accept} (RFC 9110): each offer gets the q-value of the most specific
 * range that matches it; the highest wins, and ties go to the server's order of preference. A q of 0
 * rules an offer out. Jena parses the header.
 */
final class Negotiation {
    /** What a resource is offered as, in order of preference: Turtle for any RDF client, HTML for browsers. */
    static final List<String> RESOURCE = List.of("text/turtle", "text/html", "application/xhtml+xml",
            "application/ld+json", "application/n-triples", "application/rdf+xml");

    private Negotiation() {}

    /** Thrown when the header does not parse. */
    static final class MalformedAccept extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedAccept(String header) {
            super("malformed Accept header: " + header);
        }
    }

    /**
     * @param accept the header, or null (anything goes)
     * @return the chosen offer, or empty when none is acceptable (406)
     */
    static Optional<String> choose(String accept, List<String> offers) {
        if (accept == null || accept.isBlank()) return Optional.of(offers.get(0));
        if (accept.length() > 2000) throw new MalformedAccept(accept.substring(0, 40) + "...");
        List<MediaRange> ranges;
        try {
            ranges = new AcceptList(accept).entries();
        } catch (RuntimeException e) {
            throw new MalformedAccept(accept);
        }
        if (ranges.isEmpty()) throw new MalformedAccept(accept);
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

    /** Whether a chosen type is HTML. */
    static boolean isHtml(String type) {
        return type.equals("text/html") || type.equals("application/xhtml+xml");
    }
}
