package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.source.CsvHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled data holds what the IBCR's history page says, as typed structure. */
class HistoryCoverageTest {
    private static final String PREFIXES = """
            PREFIX ibcr: <https://w3id.org/ibcr/ontology#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX schema: <https://schema.org/>
            """;

    private static Dataset dataset;

    @BeforeAll
    static void build() {
        BuiltGraph graph = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        dataset = graph.queryDataset();
    }

    private static long count(String cls) {
        try (QueryExecution q = QueryExecution.create(PREFIXES + "SELECT (COUNT(DISTINCT ?x) AS ?n) { ?x a " + cls + " }", dataset)) {
            return q.execSelect().next().getLiteral("n").getLong();
        }
    }

    private static Set<String> strings(String query, String var) {
        Set<String> values = new TreeSet<>();
        try (QueryExecution q = QueryExecution.create(PREFIXES + query, dataset)) {
            q.execSelect().forEachRemaining((QuerySolution s) -> values.add(s.get(var).toString()));
        }
        return values;
    }

    @Test
    void countsMatchTheSource() {
        assertTrue(count("ibcr:Milestone") >= 18, "milestones: " + count("ibcr:Milestone"));
        assertTrue(count("ibcr:Organisation") >= 18, "organisations: " + count("ibcr:Organisation"));
        assertEquals(2, count("ibcr:Person"));
        assertTrue(count("ibcr:Country") >= 11, "countries: " + count("ibcr:Country"));
        assertTrue(count("ibcr:Work") >= 6, "works: " + count("ibcr:Work"));
        assertTrue(count("ibcr:Topic") >= 10, "topics: " + count("ibcr:Topic"));
        assertEquals(6, count("ibcr:Region"));
    }

    @Test
    void theFiveCitiesOfTheSourceAreThereInTheirCountries() {
        Set<String> cities = strings("SELECT ?c { ?city a ibcr:City ; rdfs:label ?l ; ibcr:within/rdfs:label ?cl . "
                + "FILTER(lang(?l) = 'en' && lang(?cl) = 'en') BIND(CONCAT(?l, ', ', ?cl) AS ?c) }", "c");
        assertTrue(cities.containsAll(List.of("Paris, France", "Fortaleza, Brazil", "Colombo, Sri Lanka",
                "Colchester, United Kingdom", "Vienna, Austria")), cities.toString());
    }

    @Test
    void theTribunalHasFourHearingsInOrderEachInItsCity() {
        Set<String> hearings = strings("SELECT ?h { ?m ibcr:partOf <https://w3id.org/ibcr/id/milestone/international-tribunal> ; ibcr:sequence ?n ; "
                + "ibcr:location/rdfs:label ?city . FILTER(lang(?city) = 'en') BIND(CONCAT(STR(?n), ' ', ?city) AS ?h) }", "h");
        assertEquals(Set.of("1 Paris", "2 Fortaleza", "3 Colombo", "4 Colchester"), hearings);
    }

    @Test
    void rolesAreQualifiedLinksThatCarryTheirRole() {
        Set<String> funders2008 = strings("SELECT ?a { <https://w3id.org/ibcr/id/milestone/sida-save-the-children-agreement> ibcr:qualifiedParticipation ?p . "
                + "?p ibcr:role <https://w3id.org/ibcr/id/role/funder> ; ibcr:agent ?a }", "a");
        assertEquals(Set.of("https://w3id.org/ibcr/id/organisation/sida", "https://w3id.org/ibcr/id/organisation/save-the-children"), funders2008);
        Set<String> founders = strings("SELECT ?who { <https://w3id.org/ibcr/id/organisation/ibcr> schema:founder/schema:name ?who }", "who");
        assertEquals(Set.of("Andrée Ruffo", "Bernard Kouchner"), founders);
    }

    @Test
    void quantitiesCarryTheirQualifier() {
        Set<String> q = strings("SELECT ?s { ?q a ibcr:Quantity ; ibcr:qualifier/skos:prefLabel ?ql ; schema:value ?v ; schema:unitText ?u . "
                + "FILTER(lang(?ql) = 'en') BIND(CONCAT(?ql, ' ', STR(?v), ' ', ?u) AS ?s) }", "s");
        assertTrue(q.containsAll(List.of("more than 200 person", "more than 25 country", "exactly 9 country",
                "exactly 5 year", "exactly 7 year", "exactly 4 hearing")), q.toString());
    }

    @Test
    void everyMilestoneComesFromASectionOfTheSource() {
        Set<String> orphans = strings("SELECT ?m { ?m a ibcr:Milestone FILTER NOT EXISTS { ?m ibcr:sourceSection/schema:isPartOf "
                + "<https://www.ibcr.org/en/about/history/> } }", "m");
        assertEquals(Set.of(), orphans);
    }

    @Test
    void onlyCheckedIdentifiersAreStated() {
        // The reference file lists every checked external identifier; nothing else may appear.
        Set<String> stated = strings("PREFIX owl: <http://www.w3.org/2002/07/owl#> SELECT ?o { ?s owl:sameAs ?o }", "o");
        Set<String> checked = new TreeSet<>();
        try {
            List<String> lines = java.nio.file.Files.readAllLines(Path.of("../shared/reference/identifiers.csv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                if (!cells[2].isEmpty()) checked.add("http://www.wikidata.org/entity/" + cells[2]);
                if (!cells[4].isEmpty()) checked.add("https://sws.geonames.org/" + cells[4] + "/");
            }
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("../shared/reference/identifiers.csv is not beside the checkout");
        }
        Set<String> unchecked = new TreeSet<>(stated);
        unchecked.removeAll(checked);
        assertEquals(Set.of(), unchecked, "identifiers not in the checked reference");
        assertTrue(stated.size() >= 20, "identifiers stated: " + stated.size());
    }
}
