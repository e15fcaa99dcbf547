package org.ibcr.kg.publish.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Content negotiation, one case per line (as Jena's {@code TestContentNegotiation}): the header a client sends,
 * what the server offers, what it answers. A q of 0 rules a type out; ties go to the server's order; the most
 * specific range decides the q of an offer.
 */
class NegotiationTest {
    /** What a resource is offered as, in the site's order: Turtle first, then HTML, then the other RDF formats. */
    private static final List<String> RESOURCE = List.of("text/turtle", "text/html", "application/xhtml+xml", "application/ld+json",
            "application/n-triples", "application/rdf+xml", "application/trig", "application/n-quads", "application/json");

    @Test void noHeaderGetsTheFirstOffer() { test(null, "text/turtle"); }
    @Test void blankHeaderGetsTheFirstOffer() { test("  ", "text/turtle"); }
    @Test void anythingGetsTheFirstOffer() { test("*/*", "text/turtle"); }
    @Test void exactType() { test("application/rdf+xml", "application/rdf+xml"); }
    @Test void nQuads() { test("application/n-quads", "application/n-quads"); }
    @Test void trig() { test("application/trig", "application/trig"); }
    @Test void plainJson() { test("application/json", "application/json"); }
    @Test void browser() { test("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"); }
    @Test void higherQWins() { test("application/rdf+xml;q=0.9, text/turtle;q=0.5", "application/rdf+xml"); }
    @Test void defaultQIsOne() { test("text/turtle;q=0.2, application/n-triples", "application/n-triples"); }
    @Test void lowQStillBeatsNothing() { test("text/html;q=0.1, application/ld+json;q=0.3", "application/ld+json"); }
    @Test void tieGoesToServerOrder() { test("application/n-triples, text/turtle", "text/turtle"); }
    @Test void subtypeWildcardTakesTheServerOrder() { test("application/*", "application/xhtml+xml"); }
    @Test void qZeroRulesOut() { test("text/turtle;q=0, */*;q=0.1", "text/html"); }
    @Test void qZeroOnAWildcardKeepsTheNamedType() { test("*/*;q=0, application/n-triples", "application/n-triples"); }
    @Test void specificRangeWinsOverWildcard() { test("text/*;q=0.1, text/html;q=0.9, */*;q=0.5", "text/html"); }
    @Test void onlyQZero() { none("text/turtle;q=0"); }
    @Test void unsupported() { none("image/png"); }
    @Test void unsupportedList() { none("application/pdf, image/*"); }
    @Test void everythingRuledOut() { none("*/*;q=0"); }
    @Test void garbageMatchesNothing() { none(";;;"); }
    @Test void tooLongIs400() { malformed("text/turtle, ".repeat(200)); }

    @Test
    void lenientChoiceNeverFails() {
        assertEquals("text/plain", Negotiation.chooseLeniently(";;;", List.of("text/plain", "text/html")));
        assertEquals("text/plain", Negotiation.chooseLeniently("image/png", List.of("text/plain", "text/html")));
        assertEquals("text/html", Negotiation.chooseLeniently("text/html", List.of("text/plain", "text/html")));
    }

    @Test
    void htmlTypes() {
        assertTrue(Negotiation.isHtml("text/html"));
        assertTrue(Negotiation.isHtml("application/xhtml+xml"));
        assertEquals(false, Negotiation.isHtml("text/turtle"));
    }

    private static void test(String accept, String expected) {
        assertEquals(Optional.of(expected), Negotiation.choose(accept, RESOURCE), "Accept: " + accept);
    }

    private static void none(String accept) {
        assertEquals(Optional.empty(), Negotiation.choose(accept, RESOURCE), "Accept: " + accept + " should be 406");
    }

    private static void malformed(String accept) {
        HttpError e = assertThrows(HttpError.class, () -> Negotiation.choose(accept, RESOURCE), "Accept: " + accept);
        assertEquals(400, e.status());
    }
}
