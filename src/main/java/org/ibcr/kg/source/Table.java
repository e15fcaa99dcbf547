package org.ibcr.kg.source;

import java.util.List;

/** The tables of the data folder, with the columns each must have. data/README.md documents them. */
public enum Table {
    DATASET("dataset.csv", "title_en", "title_fr", "description_en", "description_fr", "version", "issued",
            "modified", "publisher", "license", "source"),
    SECTIONS("sections.csv", "id", "heading", "position", "part_of"),
    REGIONS("regions.csv", "id", "name_en", "name_fr", "within"),
    COUNTRIES("countries.csv", "id", "name_en", "name_fr", "iso3166_alpha2", "within", "wikidata", "geonames"),
    CITIES("cities.csv", "id", "name_en", "name_fr", "country", "wikidata", "geonames", "lat", "lon"),
    ORGANISATIONS("organisations.csv", "id", "type", "name_en", "name_fr", "alt_name", "part_of", "based_in",
            "wikidata", "description_en", "description_fr"),
    PEOPLE("people.csv", "id", "name", "honorific_prefix", "given_name", "family_name", "former_position_en",
            "former_position_fr", "former_affiliation", "description_en", "description_fr"),
    TOPICS("topics.csv", "id", "label_en", "label_fr", "alt_label_en", "broader", "definition_en"),
    ROLES("roles.csv", "id", "label_en", "label_fr", "definition_en"),
    MILESTONES("milestones.csv", "id", "type", "name_en", "name_fr", "start_year", "end_year", "not_before",
            "not_after", "part_of", "sequence", "section", "description_en", "description_fr"),
    MILESTONE_LINKS("milestone_links.csv", "milestone", "relation", "target"),
    PARTICIPATIONS("participations.csv", "milestone", "agent", "role", "start_year", "end_year"),
    QUANTITIES("quantities.csv", "id", "milestone", "label_en", "label_fr", "qualifier", "value", "max_value", "unit"),
    WORKS("works.csv", "id", "type", "title_en", "title_fr", "year", "edition_en", "document_symbol", "part_of",
            "description_en", "description_fr"),
    WORK_LINKS("work_links.csv", "work", "relation", "target"),
    // last, so that the ordinals of the others (which seed the generator's random sources) stay as they were
    SENTENCES("sentences.csv", "section", "n", "start", "end", "reason");

    /**
     * The columns by which a row of a fact table says what it rests on. They may be left out of the header
     * (a folder made before citations reads as before); {@code validate --coverage} then reports its facts.
     */
    public static final List<String> CITATION_COLUMNS = List.of("cites", "basis", "basis_note_en", "basis_note_fr");

    private final String fileName;
    private final List<String> columns;

    Table(String fileName, String... columns) {
        this.fileName = fileName;
        this.columns = List.of(columns);
    }

    /** Whether the table's rows are facts that cite the source (and have the citation columns). */
    public boolean cites() {
        return switch (this) {
            case MILESTONES, MILESTONE_LINKS, PARTICIPATIONS, QUANTITIES, WORKS, WORK_LINKS -> true;
            default -> false;
        };
    }

    /** The columns the header may leave out. */
    public List<String> optionalColumns() {
        return cites() ? CITATION_COLUMNS : List.of();
    }

    public String fileName() {
        return fileName;
    }

    /** The columns a table of this kind has: those the header must name, then the optional ones. */
    public List<String> columns() {
        return columns;
    }

    /** Every column, the optional ones last, as a writer of the table puts them. */
    public List<String> allColumns() {
        List<String> all = new java.util.ArrayList<>(columns);
        all.addAll(optionalColumns());
        return List.copyOf(all);
    }
}
