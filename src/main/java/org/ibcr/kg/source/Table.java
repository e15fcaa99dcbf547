package org.ibcr.kg.source;

import java.util.List;

/** The tables of the data folder, with the columns each must have. data/README.md documents them. */
public enum Table {
    DATASET("dataset.csv", "title_en", "title_fr", "description_en", "description_fr", "version", "issued",
            "modified", "publisher", "license", "source"),
    SECTIONS("sections.csv", List.of("heading_fr", "description_en", "description_fr"),
            "id", "heading", "heading_fr", "position", "part_of", "description_en", "description_fr"),
    REGIONS("regions.csv", "id", "name_en", "name_fr", "within"),
    COUNTRIES("countries.csv", "id", "name_en", "name_fr", "iso3166_alpha2", "within", "wikidata", "geonames"),
    CITIES("cities.csv", "id", "name_en", "name_fr", "country", "wikidata", "geonames", "lat", "lon"),
    ORGANISATIONS("organisations.csv", "id", "type", "name_en", "name_fr", "alt_name", "part_of", "based_in",
            "wikidata", "description_en", "description_fr"),
    PEOPLE("people.csv", "id", "name", "honorific_prefix", "given_name", "family_name", "former_position_en",
            "former_position_fr", "former_affiliation", "description_en", "description_fr"),
    TOPICS("topics.csv", List.of("definition_fr"), "id", "label_en", "label_fr", "alt_label_en", "broader",
            "definition_en", "definition_fr"),
    ROLES("roles.csv", List.of("definition_fr"), "id", "label_en", "label_fr", "definition_en", "definition_fr"),
    MILESTONES("milestones.csv", "id", "type", "name_en", "name_fr", "start_year", "end_year", "not_before",
            "not_after", "part_of", "sequence", "section", "description_en", "description_fr"),
    MILESTONE_LINKS("milestone_links.csv", "milestone", "relation", "target"),
    PARTICIPATIONS("participations.csv", "milestone", "agent", "role", "start_year", "end_year"),
    QUANTITIES("quantities.csv", "id", "milestone", "label_en", "label_fr", "qualifier", "value", "max_value", "unit"),
    WORKS("works.csv", "id", "type", "title_en", "title_fr", "year", "edition_en", "document_symbol", "part_of",
            "description_en", "description_fr"),
    WORK_LINKS("work_links.csv", "work", "relation", "target"),
    /** Optional: a folder without it has no country outlines. Last, so that the generator's seeds per table stay. */
    COUNTRY_GEOMETRIES("country_geometries.csv", "country", "iso3166_numeric", "natural_earth_name",
            "natural_earth_scale", "point_lat", "point_lon", "outline_wkt");

    private final String fileName;
    private final List<String> columns;
    private final List<String> addedColumns;

    Table(String fileName, String... columns) {
        this(fileName, List.of(), columns);
    }

    /** A table whose {@code addedColumns} came later: a folder written before them may lack them (empty cells). */
    Table(String fileName, List<String> addedColumns, String... columns) {
        this.fileName = fileName;
        this.columns = List.of(columns);
        this.addedColumns = addedColumns;
    }

    public String fileName() {
        return fileName;
    }

    /** Every column, in the order a new table is written. */
    public List<String> columns() {
        return columns;
    }

    /** The columns a header may leave out, read as empty cells: optional columns added after the first release. */
    public List<String> addedColumns() {
        return addedColumns;
    }
}
