package org.ibcr.kg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;

/** What needs no store: the version of a dataset's content, the literals a store gives back changed, the URLs. */
class SparqlStoreTest {
    private static final Node S = NodeFactory.createURI("https://w3id.org/ibcr/id/country/sri-lanka#geometry");
    private static final Node AS_WKT = NodeFactory.createURI("http://www.opengis.net/ont/geosparql#asWKT");

    @Test
    void theSameContentHasTheSameVersionWhateverTheOrder() {
        Node g = NodeFactory.createURI("https://w3id.org/ibcr/graph/data");
        DatasetGraph a = DatasetGraphFactory.create();
        a.add(g, S, RDFS.label.asNode(), NodeFactory.createLiteralLang("Sri Lanka", "en"));
        a.add(g, S, RDFS.label.asNode(), NodeFactory.createLiteralLang("Sri Lanka", "fr"));
        DatasetGraph b = DatasetGraphFactory.create();
        b.add(g, S, RDFS.label.asNode(), NodeFactory.createLiteralLang("Sri Lanka", "fr"));
        b.add(g, S, RDFS.label.asNode(), NodeFactory.createLiteralLang("Sri Lanka", "en"));
        assertEquals(RemoteStore.versionOf(a), RemoteStore.versionOf(b));
        assertTrue(RemoteStore.versionOf(a).matches("sha256-[0-9a-f]{64}"), RemoteStore.versionOf(a));
        b.add(g, S, RDFS.comment.asNode(), NodeFactory.createLiteralString("one more"));
        assertNotEquals(RemoteStore.versionOf(a), RemoteStore.versionOf(b));
    }

    @Test
    void virtuososGeometryComesBackAsTheWktLoaded() {
        // What Virtuoso 7 answers for "MULTIPOLYGON (((81.787418 7.522307, 81.636216 6.481383, ...)))"^^geo:wktLiteral
        Node virtuoso = NodeFactory.createLiteralDT("MULTIPOLYGON(((81.787418 7.522307,81.636216 6.481383,81.218612 6.197033,"
                + "81.787418 7.522307)))", org.apache.jena.datatypes.TypeMapper.getInstance().getSafeTypeByName(SparqlStore.VIRTUOSO_GEOMETRY));
        Triple back = SparqlStore.restored(Triple.create(S, AS_WKT, virtuoso));
        assertEquals("http://www.opengis.net/ont/geosparql#wktLiteral", back.getObject().getLiteralDatatypeURI());
        assertEquals("MULTIPOLYGON (((81.787418 7.522307, 81.636216 6.481383, 81.218612 6.197033, 81.787418 7.522307)))",
                back.getObject().getLiteralLexicalForm());
    }

    @Test
    void otherLiteralsAreLeftAsTheStoreGaveThem() {
        Triple t = Triple.create(S, RDFS.label.asNode(), NodeFactory.createLiteralLang("Sri Lanka", "en"));
        assertSame(t, SparqlStore.restored(t));
    }

    @Test
    void anEndpointIsAnAbsoluteHttpUrl() {
        assertThrows(IllegalArgumentException.class, () -> SparqlStore.of("localhost:8890/sparql"));
        assertThrows(IllegalArgumentException.class, () -> SparqlStore.of("ftp://example.org/sparql"));
        assertThrows(IllegalArgumentException.class, () -> SparqlStore.of("http://example.org/sparql").gsp("/graph"));
        assertEquals("https://example.org/sparql", SparqlStore.of("https://example.org/sparql").queryEndpoint());
    }
}
