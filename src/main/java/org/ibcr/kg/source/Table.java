package org.ibcr.kg.source;

import java.util.ArrayList;
import java.util.List;

/** The tables of the data folder, with the columns each must have. data/README.md documents them. */
public enum Table {
    DATASET("dataset.csv", "title_en", "title_fr", "description_en", "description_fr", "version", "issued",
            "modified", "publisher", "license", "source"),
    SECTIONS("sections.csv", List.of("heading_fr", "description_en", "description_fr"), "id", "heading", "position", "part_of"),
    REGIONS("regions.csv", "id", "name_en", "name_fr", "within"),
    COUNTRIES("countries.csv", "id", "name_en", "name_fr", "iso3166_alpha2", "within", "wikidata", "geonames"),
    CITIES("cities.csv", "id", "name_en", "name_fr", "country", "wikidata", "geonames", "lat", "lon"),
    ORGANISATIONS("organisations.csv", "id", "type", "name_en", "name_fr", "alt_name", "part_of", "based_in",
            "wikidata", "description_en", "description_fr"),
    PEOPLE("people.csv", "id", "name", "honorific_prefix", "given_name", "family_name", "former_position_en",
            "former_position_fr", "former_affiliation", "description_en", "description_fr"),
    TOPICS("topics.csv", List.of("definition_fr"), "id", "label_en", "label_fr", "alt_label_en", "broader", "definition_en"),
    ROLES("roles.csv", List.of("definition_fr"), "id", "label_en", "label_fr", "definition_en"),
    MILESTONES("milestones.csv", Cites.COLUMNS, "id", "type", "name_en", "name_fr", "start_year", "end_year",
            "not_before", "not_after", "part_of", "sequence", "section", "description_en", "description_fr"),
    MILESTONE_LINKS("milestone_links.csv", Cites.COLUMNS, "milestone", "relation", "target"),
    PARTICIPATIONS("participations.csv", Cites.COLUMNS, "milestone", "agent", "role", "start_year", "end_year"),
    QUANTITIES("quantities.csv", Cites.COLUMNS, "id", "milestone", "label_en", "label_fr", "qualifier", "value",
            "max_value", "unit"),
    WORKS("works.csv", Cites.COLUMNS, "id", "type", "title_en", "title_fr", "year", "edition_en",
            "document_symbol", "part_of", "description_en", "description_fr"),
    WORK_LINKS("work_links.csv", Cites.COLUMNS, "work", "relation", "target"),
    // The tables below came later, each added last so that the ordinals of the others (which seed the
    // generator's random sources) stay as they were. Both are optional: a folder without them reads as before.
    COUNTRY_GEOMETRIES("country_geometries.csv", "country", "iso3166_numeric", "natural_earth_name",
            "natural_earth_scale", "point_lat", "point_lon", "outline_wkt"),
    SENTENCES("sentences.csv", "section", "n", "start", "end", "reason");

    /**
     * The columns by which a row of a fact table says what it rests on. They may be left out of the header
     * (a folder made before citations reads as before); {@code validate --coverage} then reports its facts.
     */
    public static final List<String> CITATION_COLUMNS = Cites.COLUMNS;

    /** Holds the citation columns for the constants above, which are made before the enum's own static fields. */
    private static final class Cites {
        static final List<String> COLUMNS = List.of("cites", "basis", "basis_note_en", "basis_note_fr");
    }

    private final String fileName;
    private final List<String> columns;
    private final List<String> optionalColumns;

    Table(String fileName, String... columns) {
        this(fileName, List.of(), columns);
    }

    /** A table whose header may leave out {@code optionalColumns}, columns added after the first release. */
    Table(String fileName, List<String> optionalColumns, String... columns) {
        this.fileName = fileName;
        this.columns = List.of(columns);
        this.optionalColumns = optionalColumns;
    }

    /** Whether the table's rows are facts that cite the source (and have the citation columns). */
    public boolean cites() {
        return optionalColumns.equals(CITATION_COLUMNS);
    }

    public String fileName() {
        return fileName;
    }

    /** The columns the header must name. */
    public List<String> columns() {
        return columns;
    }

    /** The columns the header may leave out; their cells then read as empty. */
    public List<String> optionalColumns() {
        return optionalColumns;
    }

    /** Every column, the optional ones last, as a writer of the table puts them. */
    public List<String> allColumns() {
        List<String> all = new ArrayList<>(columns);
        all.addAll(optionalColumns);
        return List.copyOf(all);
    }
}
