package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.SchemaDO;
import org.ibcr.kg.model.FrenchTypography;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.vocab.IBCR;
import org.ibcr.kg.vocab.OntologyFiles;
import org.junit.jupiter.api.Test;

/**
 * The French page of a term, role, topic or section shows French: every one of them has its label and its
 * definition or description in French beside the English, in the ontology and in the bundled data.
 */
class FrenchTest {
    @Test
    void everyOntologyTermHasAFrenchLabelAndDefinition() {
        Model ontology = ModelFactory.createModelForGraph(OntologyFiles.ontology());
        List<String> problems = new ArrayList<>();
        ontology.listSubjects().forEachRemaining(term -> {
            if (!term.isURIResource() || !term.getURI().startsWith(IBCR.NS)) return;
            boolean scheme = term.hasProperty(RDF.type, SKOS.ConceptScheme);
            if (!has(term, RDFS.label, "fr") && !has(term, SKOS.prefLabel, "fr")) problems.add(term.getLocalName() + ": no French label");
            if (!scheme) {
                if (!has(term, SKOS.definition, "fr")) problems.add(term.getLocalName() + ": no French definition");
                if (!has(term, SKOS.definition, "en")) problems.add(term.getLocalName() + ": no English definition");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRoleTopicAndSectionOfTheDataHasAFrenchLabelAndDescription() {
        Model data = ModelFactory.createModelForGraph(GraphBuild.from(CsvHistory.open(Path.of("data"))).build().data());
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Resource type : new Resource[] {IBCR.Role, IBCR.Topic}) {
            for (Resource r : data.listSubjectsWithProperty(RDF.type, type).toList()) {
                checked++;
                for (Property p : new Property[] {RDFS.label, SKOS.prefLabel, SKOS.definition, SchemaDO.description}) {
                    for (String lang : new String[] {"en", "fr"}) {
                        if (!has(r, p, lang)) problems.add(r.getURI() + " has no " + p.getLocalName() + "@" + lang);
                    }
                }
            }
        }
        for (Resource r : data.listSubjectsWithProperty(RDF.type, IBCR.SourceSection).toList()) {
            checked++;
            for (Property p : new Property[] {RDFS.label, SchemaDO.name, SchemaDO.description}) {
                for (String lang : new String[] {"en", "fr"}) {
                    if (!has(r, p, lang)) problems.add(r.getURI() + " has no " + p.getLocalName() + "@" + lang);
                }
            }
        }
        assertEquals(17 + 29 + 11, checked, "every role, topic and section was looked at");
        assertEquals(List.of(), problems);
    }

    @Test
    void aSectionHeadedByWordsIsTranslatedAndOneHeadedByYearsKeepsThem() {
        Model data = ModelFactory.createModelForGraph(GraphBuild.from(CsvHistory.open(Path.of("data"))).build().data());
        Resource beginnings = data.createResource("https://w3id.org/ibcr/id/section/the-beginnings");
        assertTrue(beginnings.hasProperty(RDFS.label, data.createLiteral("Les débuts", "fr")));
        Resource years = data.createResource("https://w3id.org/ibcr/id/section/1995-2000");
        assertTrue(years.hasProperty(RDFS.label, data.createLiteral("1995-2000", "fr")));
    }

    @Test
    void aSentenceIsNamedByItsSectionsHeadingInBothLanguagesAndCountedFromOne() {
        Model data = ModelFactory.createModelForGraph(GraphBuild.from(CsvHistory.open(Path.of("data"))).build().data());
        String section = "https://w3id.org/ibcr/id/section/";
        for (String[] c : new String[][] {
                {"the-beginnings/0", "The beginnings, heading", "Les débuts, titre"},
                {"the-beginnings/1", "The beginnings, sentence 1", "Les débuts, phrase 1"},
                {"a-new-era/0", "A new era, heading", "Une ère nouvelle, titre"},
                {"1995-2000/1", "1995-2000, sentence 1", "1995-2000, phrase 1"}}) {
            Resource sentence = data.createResource(section + c[0]);
            assertEquals(List.of(c[1]), labels(sentence, "en"), c[0]);
            assertEquals(List.of(c[2]), labels(sentence, "fr"), c[0]);
        }
    }

    /**
     * French typography (a no-break space before ":" and inside « », a narrow one before ";", "!" and "?") in every
     * French literal we publish: the ontology's, the data's, and those the converter builds (labels of sentences and schemes).
     */
    @Test
    void everyFrenchLiteralOfTheOntologyAndTheDataFollowsFrenchTypography() {
        var built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (var t : built.union().find().toList()) { // the ontology, the data and the dataset's description
            if (!t.getObject().isLiteral() || !t.getObject().getLiteralLanguage().equals("fr")) continue;
            checked++;
            String text = t.getObject().getLiteralLexicalForm();
            FrenchTypography.firstFault(text).ifPresent(f -> problems.add(t.getSubject() + " " + t.getPredicate().getLocalName() + ": " + f.message()));
        }
        assertTrue(checked > 500, "French literals looked at: " + checked);
        assertEquals(List.of(), problems);
    }

    private static List<String> labels(Resource r, String lang) {
        return r.listProperties(RDFS.label).toList().stream().filter(s -> lang.equals(s.getLiteral().getLanguage()))
                .map(s -> s.getLiteral().getLexicalForm()).toList();
    }

    private static boolean has(Resource r, Property p, String lang) {
        return r.listProperties(p).toList().stream()
                .anyMatch(s -> s.getObject().isLiteral() && lang.equals(s.getLiteral().getLanguage())
                        && !s.getLiteral().getLexicalForm().isBlank());
    }
}
