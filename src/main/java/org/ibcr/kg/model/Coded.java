package org.ibcr.kg.model;

/** An enumerated value written in a data table by a short code, such as {@code more-than}. */
public interface Coded {
    /** The code a curator writes in the table. */
    String code();
}
