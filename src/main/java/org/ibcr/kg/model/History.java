package org.ibcr.kg.model;

import java.util.stream.Stream;

import org.ibcr.kg.model.Records.*;

/**
 * The curated history, table by table. Each call returns a fresh stream that reads its rows lazily,
 * so a converter can go through very large tables without holding them; close the streams.
 * References in the records have been checked against every table's ids.
 */
public interface History {
    DatasetInfo dataset();
    Stream<Section> sections();
    /** The positions of the source's sentences, section by section, in the order of the document; empty when the folder has no sentences.csv. */
    Stream<Sentence> sentences();
    Stream<Region> regions();
    Stream<Country> countries();
    Stream<City> cities();

    /** The outlines of countries, where known; none by default (the table is optional). */
    default Stream<CountryGeometry> countryGeometries() {
        return Stream.empty();
    }

    Stream<Organisation> organisations();
    Stream<Person> people();
    Stream<Topic> topics();
    Stream<Role> roles();
    Stream<Milestone> milestones();
    Stream<MilestoneLink> milestoneLinks();
    Stream<Participation> participations();
    Stream<Quantity> quantities();
    Stream<Work> works();
    Stream<WorkLink> workLinks();
}
