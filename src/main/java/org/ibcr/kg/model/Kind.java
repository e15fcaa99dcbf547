package org.ibcr.kg.model;

/**
 * The kinds of thing the graph names. Each kind is one path segment of an IRI:
 * {@code {base}id/{kind}/{slug}}, so the segment is part of the published identifier and never changes.
 */
public enum Kind {
    ORGANISATION("organisation"),
    GROUP("group"),
    PERSON("person"),
    COUNTRY("country"),
    CITY("city"),
    REGION("region"),
    MILESTONE("milestone"),
    PARTICIPATION("participation"),
    QUANTITY("quantity"),
    WORK("work"),
    TOPIC("topic"),
    ROLE("role"),
    SECTION("section");

    private final String segment;

    Kind(String segment) {
        this.segment = segment;
    }

    /** The IRI path segment of this kind. */
    public String segment() {
        return segment;
    }
}
