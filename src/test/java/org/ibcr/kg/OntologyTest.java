package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.ibcr.kg.vocab.IBCR;
import org.ibcr.kg.vocab.OntologyFiles;
import org.junit.jupiter.api.Test;

/** The ontology documents every term it defines, and the Java constants match it. */
class OntologyTest {
    private final Model ontology = ModelFactory.createModelForGraph(OntologyFiles.ontology());

    private Set<Resource> terms() {
        Set<Resource> terms = new java.util.LinkedHashSet<>();
        ontology.listSubjects().forEachRemaining(s -> {
            if (s.isURIResource() && s.getURI().startsWith(IBCR.NS)) terms.add(s);
        });
        return terms;
    }

    @Test
    void everyTermHasEnglishAndFrenchLabelsADefinitionAndIsDefinedBy() {
        List<String> problems = new ArrayList<>();
        for (Resource term : terms()) {
            Set<String> langs = new TreeSet<>();
            ontology.listObjectsOfProperty(term, RDFS.label).forEachRemaining(l -> langs.add(l.asLiteral().getLanguage()));
            ontology.listObjectsOfProperty(term, SKOS.prefLabel).forEachRemaining(l -> langs.add(l.asLiteral().getLanguage()));
            if (!langs.containsAll(Set.of("en", "fr"))) problems.add(term + " labels " + langs);
            boolean definition = ontology.listObjectsOfProperty(term, SKOS.definition).toList().stream()
                    .anyMatch(d -> "en".equals(d.asLiteral().getLanguage()));
            if (!definition && !ontology.contains(term, RDF.type, SKOS.ConceptScheme)) problems.add(term + " has no English definition");
            if (!ontology.contains(term, RDFS.isDefinedBy, ontology.createResource(IBCR.ONTOLOGY))) problems.add(term + " lacks rdfs:isDefinedBy");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theOntologyStatesVersionLicenceCreatorAndPrefix() {
        Resource o = ontology.createResource(IBCR.ONTOLOGY);
        assertTrue(o.hasProperty(RDF.type, OWL.Ontology));
        assertTrue(o.hasProperty(OWL.versionIRI));
        assertTrue(o.hasProperty(OWL.versionInfo));
        assertTrue(o.hasProperty(org.apache.jena.vocabulary.DCTerms.license, ontology.createResource("https://creativecommons.org/licenses/by/4.0/")));
        assertTrue(o.hasProperty(org.apache.jena.vocabulary.DCTerms.creator));
        assertTrue(o.hasProperty(ontology.createProperty("http://purl.org/vocab/vann/preferredNamespacePrefix"), "ibcr"));
    }

    @Test
    void everyClassIsAlignedWithAnEstablishedVocabulary() {
        List<String> unaligned = new ArrayList<>();
        ontology.listSubjectsWithProperty(RDF.type, OWL.Class).forEachRemaining(c -> {
            boolean aligned = ontology.listObjectsOfProperty(c, RDFS.subClassOf).toList().stream()
                    .map(RDFNode::asResource)
                    .anyMatch(sup -> !sup.getURI().startsWith(IBCR.NS) || isAligned(sup));
            if (!aligned) unaligned.add(c.getURI());
        });
        assertEquals(List.of(), unaligned);
    }

    private boolean isAligned(Resource cls) {
        return ontology.listObjectsOfProperty(cls, RDFS.subClassOf).toList().stream()
                .map(RDFNode::asResource).anyMatch(s -> !s.getURI().startsWith(IBCR.NS) || isAligned(s));
    }

    @Test
    void everyJavaConstantNamesATermOfTheOntology() throws IllegalAccessException {
        List<String> missing = new ArrayList<>();
        for (Field f : IBCR.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.get(null) instanceof Resource r && r.getURI().startsWith(IBCR.NS)) {
                if (!ontology.contains(r, RDF.type)) missing.add(r.getURI());
            }
        }
        assertEquals(List.of(), missing);
    }
}
