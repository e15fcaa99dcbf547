package org.ibcr.kg.convert;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SchemaDO;
import org.apache.jena.vocabulary.VOID;
import org.ibcr.kg.model.Kind;
import org.ibcr.kg.model.Records.DatasetInfo;
import org.ibcr.kg.model.Text;
import org.ibcr.kg.vocab.IBCR;
import org.ibcr.kg.vocab.PROV;

/**
 * The dataset's description in VoID and DCAT (with schema.org beside them): title, description,
 * licence, publisher, dates, version, triple count, vocabularies, example resources, and a class
 * partition with the number of things of each kind. Dates come from the data, never from the clock,
 * so the description is the same for the same data.
 *
 * <pre>{@code
 * DatasetDescription.of(iris, history.dataset(), stats).writeTo(out);
 * }</pre>
 */
public final class DatasetDescription {
    /** The vocabularies the data uses, in a fixed order. */
    private static final List<String> VOCABULARIES = List.of(IBCR.ONTOLOGY, "https://schema.org/",
            "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#", "http://www.w3.org/2006/time#",
            "http://www.w3.org/2004/02/skos/core#", "http://xmlns.com/foaf/0.1/", "http://purl.org/dc/terms/",
            "http://www.opengis.net/ont/geosparql#");

    private static final Map<Kind, Resource> CLASSES = Map.ofEntries(
            Map.entry(Kind.ORGANISATION, IBCR.Organisation), Map.entry(Kind.GROUP, IBCR.Group),
            Map.entry(Kind.PERSON, IBCR.Person), Map.entry(Kind.COUNTRY, IBCR.Country),
            Map.entry(Kind.CITY, IBCR.City), Map.entry(Kind.REGION, IBCR.Region),
            Map.entry(Kind.MILESTONE, IBCR.Milestone), Map.entry(Kind.PARTICIPATION, IBCR.Participation),
            Map.entry(Kind.QUANTITY, IBCR.Quantity), Map.entry(Kind.WORK, IBCR.Work),
            Map.entry(Kind.TOPIC, IBCR.Topic), Map.entry(Kind.ROLE, IBCR.Role),
            Map.entry(Kind.SECTION, IBCR.SourceSection));

    private final IriScheme iris;
    private final DatasetInfo info;
    private final ConversionStats stats;

    private DatasetDescription(IriScheme iris, DatasetInfo info, ConversionStats stats) {
        this.iris = iris;
        this.info = info;
        this.stats = stats;
    }

    public static DatasetDescription of(IriScheme iris, DatasetInfo info, ConversionStats stats) {
        return new DatasetDescription(Objects.requireNonNull(iris, "iris"), Objects.requireNonNull(info, "info"),
                Objects.requireNonNull(stats, "stats"));
    }

    public void writeTo(StreamRDF out) {
        Objects.requireNonNull(out, "out");
        Node d = iris.dataset();
        var t = new Object() {
            void add(Node s, Resource p, Node o) {
                out.triple(Triple.create(s, p.asNode(), o));
            }

            void add(Node s, Resource p, Resource o) {
                add(s, p, o.asNode());
            }

            void lang(Node s, Resource p, Text text) {
                add(s, p, NodeFactory.createLiteralLang(text.en(), "en"));
                text.fr().ifPresent(fr -> add(s, p, NodeFactory.createLiteralLang(fr, "fr")));
            }
        };
        t.add(d, RDF.type, VOID.Dataset);
        t.add(d, RDF.type, DCAT.Dataset);
        t.add(d, RDF.type, SchemaDO.Dataset);
        t.lang(d, DCTerms.title, info.title());
        t.lang(d, RDFS.label, info.title());
        t.lang(d, SchemaDO.name, info.title());
        t.lang(d, DCTerms.description, info.description());
        t.lang(d, SchemaDO.description, info.description());
        Node license = NodeFactory.createURI(info.license());
        t.add(d, DCTerms.license, license);
        t.add(d, SchemaDO.license, license);
        Node publisher = iris.node(Kind.ORGANISATION, info.publisher());
        t.add(d, DCTerms.publisher, publisher);
        t.add(d, SchemaDO.publisher, publisher);
        Node issued = NodeFactory.createLiteralDT(info.issued(), XSDDatatype.XSDdate);
        Node modified = NodeFactory.createLiteralDT(info.modified(), XSDDatatype.XSDdate);
        t.add(d, DCTerms.issued, issued);
        t.add(d, SchemaDO.datePublished, issued);
        t.add(d, DCTerms.modified, modified);
        t.add(d, SchemaDO.dateModified, modified);
        // The release of the curated tables (dataset.csv), as the ontology states its own. The version of the data
        // served (dcat:version) is the number of its version log, stated by the server that keeps that log.
        t.add(d, OWL.versionInfo, NodeFactory.createLiteralString(info.version()));
        Node source = NodeFactory.createURI(info.source());
        t.add(d, DCTerms.source, source);
        t.add(d, PROV.wasDerivedFrom, source);
        // The source page is described here, not in the data: every data subject is a minted resource.
        t.add(source, RDF.type, PROV.Entity);
        t.add(source, RDF.type, SchemaDO.WebPage);
        t.add(source, SchemaDO.publisher, publisher);
        t.add(d, DCTerms.language, NodeFactory.createURI("http://id.loc.gov/vocabulary/iso639-1/en"));
        t.add(d, DCTerms.language, NodeFactory.createURI("http://id.loc.gov/vocabulary/iso639-1/fr"));
        t.add(d, VOID.uriSpace, NodeFactory.createLiteralString(iris.base() + "id/"));
        t.add(d, VOID.triples, NodeFactory.createLiteralDT(Long.toString(stats.triples()), XSDDatatype.XSDinteger));
        long entities = stats.counts().values().stream().mapToLong(Long::longValue).sum();
        t.add(d, VOID.entities, NodeFactory.createLiteralDT(Long.toString(entities), XSDDatatype.XSDinteger));
        for (String v : VOCABULARIES) t.add(d, VOID.vocabulary, NodeFactory.createURI(v));
        t.add(d, DCTerms.conformsTo, NodeFactory.createURI(IBCR.ONTOLOGY));
        t.add(d, VOID.exampleResource, publisher);
        for (Kind kind : List.of(Kind.MILESTONE, Kind.WORK, Kind.COUNTRY)) {
            stats.first(kind).ifPresent(slug -> t.add(d, VOID.exampleResource, iris.node(kind, slug)));
        }
        for (Kind kind : Kind.values()) {
            long n = stats.count(kind);
            if (n == 0) continue;
            Node partition = iris.part(d, "class-" + kind.segment());
            t.add(d, VOID.classPartition, partition);
            t.add(partition, VOID._class, CLASSES.get(kind));
            t.add(partition, VOID.entities, NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger));
        }
    }
}
