package org.ibcr.kg.convert;

import java.time.Year;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.SchemaDO;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.ibcr.kg.model.History;
import org.ibcr.kg.model.Kind;
import org.ibcr.kg.model.Origin;
import org.ibcr.kg.model.Records.*;
import org.ibcr.kg.model.Text;
import org.ibcr.kg.model.Types.OrganisationType;
import org.ibcr.kg.model.Types.WorkType;
import org.ibcr.kg.vocab.GEO;
import org.ibcr.kg.vocab.IBCR;
import org.ibcr.kg.vocab.OA;
import org.ibcr.kg.vocab.PROV;
import org.ibcr.kg.vocab.TIME;

/**
 * Turns the history into RDF triples, record by record, into a {@link StreamRDF}: nothing is held but
 * the triple being written, so memory stays flat however long the tables are. Output order follows the
 * tables, so the same data always gives the same triples in the same order.
 *
 * <p>Every resource gets our own terms and, beside them, schema.org types and properties, so that a
 * consumer that knows only schema.org understands it without a reasoner.
 *
 * <pre>{@code
 * HistoryConverter converter = HistoryConverter.create().base("https://w3id.org/ibcr/").build();
 * ConversionStats stats = converter.convert(history, StreamRDFLib.writer(System.out));
 * }</pre>
 */
public final class HistoryConverter {
    private static final Node WIKIDATA_NS = NodeFactory.createURI("http://www.wikidata.org/entity/");

    private final IriScheme iris;
    private final BiConsumer<Node, Origin> origins;

    private HistoryConverter(IriScheme iris, BiConsumer<Node, Origin> origins) {
        this.iris = iris;
        this.origins = origins;
    }

    public static Builder create() {
        return new Builder();
    }

    /** Options of a {@link HistoryConverter}. */
    public static final class Builder {
        private String base = IriScheme.DEFAULT_BASE;
        private BiConsumer<Node, Origin> origins = (node, origin) -> {};

        private Builder() {}

        /** The base IRI under which resources are minted; {@link IriScheme#DEFAULT_BASE} by default. */
        public Builder base(String base) {
            this.base = Objects.requireNonNull(base, "base");
            return this;
        }

        /** Told the row each subject comes from, so that reports can point back at the data. */
        public Builder onSubject(BiConsumer<Node, Origin> origins) {
            this.origins = Objects.requireNonNull(origins, "origins");
            return this;
        }

        public HistoryConverter build() {
            return new HistoryConverter(IriScheme.of(base), origins);
        }
    }

    public IriScheme iris() {
        return iris;
    }

    /** Writes the data triples of the history to {@code out} (without start/finish) and says what was written. */
    public ConversionStats convert(History history, StreamRDF out) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(out, "out");
        Emitter e = new Emitter(out, new ConversionStats(), history.dataset().source());
        e.schemes();
        each(history.sections(), e::section);
        each(history.sentences(), e::sentence);
        each(history.regions(), e::region);
        each(history.countries(), e::country);
        each(history.cities(), e::city);
        each(history.countryGeometries(), e::countryGeometry);
        each(history.organisations(), e::organisation);
        each(history.people(), e::person);
        each(history.topics(), e::topic);
        each(history.roles(), e::role);
        each(history.milestones(), e::milestone);
        each(history.milestoneLinks(), e::milestoneLink);
        each(history.participations(), e::participation);
        each(history.quantities(), e::quantity);
        each(history.works(), e::work);
        each(history.workLinks(), e::workLink);
        return e.stats;
    }

    private static <T> void each(Stream<T> records, java.util.function.Consumer<T> action) {
        try (records) {
            records.forEach(action);
        }
    }

    /**
     * A sentence's label from its section's heading: sentence 0 is the heading itself, the others are numbered
     * from 1 as a reader counts them ("The beginnings, sentence 1", "Les débuts, phrase 1"). The French label
     * takes the English heading where the section has no French one.
     */
    private static Text sentenceLabel(Text heading, int n) {
        String fr = heading.fr().orElse(heading.en());
        return n == 0 ? Text.of(heading.en() + ", heading", fr + ", titre")
                : Text.of(heading.en() + ", sentence " + n, fr + ", phrase " + n);
    }

    private final class Emitter {
        private final Map<Integer, Node> years = new HashMap<>();
        private final StreamRDF out;
        private final ConversionStats stats;
        private final Node sourceDoc;
        private final Node topics = iris.scheme("topics");
        private final Node roles = iris.scheme("roles");
        // Only the few organisations that milestones establish, to name their founders.
        private final Map<String, List<Node>> established = new HashMap<>();
        // The headings of the sections (a few per copy of the history), which name their sentences.
        private final Map<String, Text> headings = new HashMap<>();

        Emitter(StreamRDF out, ConversionStats stats, String sourceDoc) {
            this.out = out;
            this.stats = stats;
            this.sourceDoc = NodeFactory.createURI(sourceDoc);
        }

        void t(Node s, Resource p, Node o) {
            out.triple(Triple.create(s, p.asNode(), o));
            stats.countTriple();
        }

        void t(Node s, Resource p, Resource o) {
            t(s, p, o.asNode());
        }

        void type(Node s, Resource... classes) {
            for (Resource c : classes) t(s, RDF.type, c);
        }

        Node subject(Kind kind, String slug, Origin origin) {
            Node s = iris.node(kind, slug);
            stats.countThing(kind, slug);
            origins.accept(s, origin);
            return s;
        }

        void lang(Node s, Resource p, Text text) {
            t(s, p, NodeFactory.createLiteralLang(text.en(), "en"));
            text.fr().ifPresent(fr -> t(s, p, NodeFactory.createLiteralLang(fr, "fr")));
        }

        /** rdfs:label and schema:name, in English and French. */
        void names(Node s, Text text) {
            lang(s, RDFS.label, text);
            lang(s, SchemaDO.name, text);
        }

        void description(Node s, Text text) {
            lang(s, SchemaDO.description, text);
        }

        Node year(Year y) {
            // few distinct years, many uses: String.format would dominate a large conversion
            return years.computeIfAbsent(y.getValue(), v -> {
                String digits = Integer.toString(v);
                return NodeFactory.createLiteralDT("0".repeat(Math.max(0, 4 - digits.length())) + digits, XSDDatatype.XSDgYear);
            });
        }

        Node integer(int n, XSDDatatype type) {
            return NodeFactory.createLiteralDT(Integer.toString(n), type);
        }

        Node string(String s) {
            return NodeFactory.createLiteralString(s);
        }

        void sameAs(Node s, Optional<String> wikidata, Optional<String> geonames) {
            wikidata.ifPresent(q -> {
                Node wd = NodeFactory.createURI(WIKIDATA_NS.getURI() + q);
                t(s, OWL.sameAs, wd);
                t(s, SchemaDO.sameAs, wd);
            });
            geonames.ifPresent(g -> {
                Node gn = NodeFactory.createURI("https://sws.geonames.org/" + g + "/");
                t(s, OWL.sameAs, gn);
                t(s, SchemaDO.sameAs, gn);
            });
        }

        void schemes() {
            scheme(topics, Text.of("Topics", "Thèmes"));
            scheme(roles, Text.of("Roles in milestones", "Rôles dans les jalons"));
        }

        void scheme(Node s, Text label) {
            type(s, SKOS.ConceptScheme);
            names(s, label);
            lang(s, SKOS.prefLabel, label);
        }

        void section(Section r) {
            Node s = subject(Kind.SECTION, r.id(), r.origin());
            headings.put(r.id(), r.heading());
            type(s, IBCR.SourceSection, PROV.Entity, SchemaDO.WebPageElement);
            names(s, r.heading());
            r.description().ifPresent(d -> description(s, d));
            t(s, SchemaDO.position, integer(r.position(), XSDDatatype.XSDpositiveInteger));
            t(s, DCTerms.isPartOf, r.partOf().map(p -> iris.node(Kind.SECTION, p)).orElse(sourceDoc));
            t(s, SchemaDO.isPartOf, sourceDoc);
        }

        void region(Region r) {
            Node s = subject(Kind.REGION, r.id(), r.origin());
            type(s, IBCR.Region, IBCR.Place, SchemaDO.Place);
            names(s, r.name());
            r.within().ifPresent(w -> within(s, iris.node(Kind.REGION, w)));
        }

        void within(Node s, Node place) {
            t(s, IBCR.within, place);
            t(s, SchemaDO.containedInPlace, place);
        }

        void country(Country r) {
            Node s = subject(Kind.COUNTRY, r.id(), r.origin());
            type(s, IBCR.Country, IBCR.Place, SchemaDO.Country);
            names(s, r.name());
            t(s, IBCR.isoCode, string(r.iso3166Alpha2()));
            t(s, SchemaDO.identifier, string(r.iso3166Alpha2()));
            r.within().ifPresent(w -> within(s, iris.node(Kind.REGION, w)));
            sameAs(s, r.wikidata(), r.geonames());
        }

        void city(City r) {
            Node s = subject(Kind.CITY, r.id(), r.origin());
            type(s, IBCR.City, IBCR.Place, SchemaDO.City);
            names(s, r.name());
            within(s, iris.node(Kind.COUNTRY, r.country()));
            r.lat().ifPresent(v -> t(s, SchemaDO.latitude, NodeFactory.createLiteralDT(v.toPlainString(), XSDDatatype.XSDdecimal)));
            r.lon().ifPresent(v -> t(s, SchemaDO.longitude, NodeFactory.createLiteralDT(v.toPlainString(), XSDDatatype.XSDdecimal)));
            if (r.lat().isPresent() && r.lon().isPresent()) {
                coordinates(s, r.lat().get(), r.lon().get());
                geometry(s, "POINT (" + r.lon().get().toPlainString() + " " + r.lat().get().toPlainString() + ")");
            }
            sameAs(s, r.wikidata(), r.geonames());
        }

        /** A country's representative point (schema.org) and outline (GeoSPARQL), from Natural Earth. */
        void countryGeometry(CountryGeometry r) {
            Node s = iris.node(Kind.COUNTRY, r.country());
            // so that a SHACL problem with these nodes names the row of country_geometries.csv
            origins.accept(iris.part(s, "coordinates"), r.origin());
            origins.accept(iris.part(s, "geometry"), r.origin());
            coordinates(s, r.pointLat(), r.pointLon());
            geometry(s, r.outlineWkt());
        }

        /** schema:geo to a GeoCoordinates node named inside the place's document ({@code #coordinates}). */
        void coordinates(Node place, java.math.BigDecimal lat, java.math.BigDecimal lon) {
            Node geo = iris.part(place, "coordinates");
            t(place, SchemaDO.geo, geo);
            type(geo, SchemaDO.GeoCoordinates);
            t(geo, SchemaDO.latitude, NodeFactory.createLiteralDT(lat.toPlainString(), XSDDatatype.XSDdecimal));
            t(geo, SchemaDO.longitude, NodeFactory.createLiteralDT(lon.toPlainString(), XSDDatatype.XSDdecimal));
        }

        /** geo:hasGeometry to a geo:Geometry node ({@code #geometry}) with its WKT in CRS84 (longitude latitude). */
        void geometry(Node place, String wkt) {
            Node g = iris.part(place, "geometry");
            type(place, GEO.Feature);
            t(place, GEO.hasGeometry, g);
            t(place, GEO.hasDefaultGeometry, g);
            type(g, GEO.Geometry);
            t(g, GEO.asWKT, NodeFactory.createLiteralDT(wkt, GEO.wktLiteral));
        }

        void organisation(Organisation r) {
            boolean group = r.type() == OrganisationType.GROUP;
            Node s = subject(group ? Kind.GROUP : Kind.ORGANISATION, r.id(), r.origin());
            switch (r.type()) {
                case NGO -> type(s, IBCR.NGO, IBCR.Organisation, SchemaDO.NGO);
                case FOUNDATION -> type(s, IBCR.Foundation, IBCR.NGO, IBCR.Organisation, SchemaDO.NGO);
                case GOVERNMENT_BODY -> type(s, IBCR.GovernmentBody, IBCR.Organisation, SchemaDO.GovernmentOrganization);
                case INTERGOVERNMENTAL_ORGANISATION -> type(s, IBCR.IntergovernmentalOrganisation, IBCR.Organisation, SchemaDO.Organization);
                case UN_BODY -> type(s, IBCR.UNBody, IBCR.IntergovernmentalOrganisation, IBCR.Organisation, SchemaDO.Organization);
                case COALITION -> type(s, IBCR.Coalition, IBCR.Organisation, SchemaDO.Organization);
                case GROUP -> type(s, IBCR.Group, FOAF.Group, SchemaDO.Organization);
            }
            if (!group) type(s, ORG.Organization);
            type(s, PROV.Agent);
            names(s, r.name());
            r.altName().ifPresent(a -> {
                t(s, SchemaDO.alternateName, string(a));
                t(s, SKOS.altLabel, string(a));
            });
            r.partOf().ifPresent(p -> {
                Node parent = iris.node(Kind.ORGANISATION, p);
                t(s, IBCR.subOrganisationOf, parent);
                t(s, SchemaDO.parentOrganization, parent);
                t(parent, SchemaDO.subOrganization, s);
            });
            r.basedIn().ifPresent(b -> {
                t(s, IBCR.basedIn, iris.node(b));
                t(s, SchemaDO.location, iris.node(b));
            });
            sameAs(s, r.wikidata(), Optional.empty());
            description(s, r.description());
        }

        void person(Person r) {
            Node s = subject(Kind.PERSON, r.id(), r.origin());
            type(s, IBCR.Person, SchemaDO.Person, FOAF.Person, PROV.Agent);
            t(s, RDFS.label, string(r.name()));
            t(s, SchemaDO.name, string(r.name()));
            t(s, FOAF.name, string(r.name()));
            r.honorificPrefix().ifPresent(v -> t(s, SchemaDO.honorificPrefix, string(v)));
            r.givenName().ifPresent(v -> t(s, SchemaDO.givenName, string(v)));
            r.familyName().ifPresent(v -> t(s, SchemaDO.familyName, string(v)));
            r.formerPosition().ifPresent(p -> lang(s, IBCR.formerPosition, p));
            r.formerAffiliation().ifPresent(a -> {
                t(s, IBCR.formerAffiliation, iris.node(Kind.ORGANISATION, a));
                t(s, SchemaDO.alumniOf, iris.node(Kind.ORGANISATION, a));
            });
            description(s, r.description());
        }

        void concept(Node s, Node scheme, Text label, Text definition) {
            names(s, label);
            lang(s, SKOS.prefLabel, label);
            lang(s, SKOS.definition, definition);
            lang(s, SchemaDO.description, definition);
            t(s, SKOS.inScheme, scheme);
            t(s, SchemaDO.inDefinedTermSet, scheme);
        }

        void topic(Topic r) {
            Node s = subject(Kind.TOPIC, r.id(), r.origin());
            type(s, IBCR.Topic, SKOS.Concept, SchemaDO.DefinedTerm);
            concept(s, topics, r.label(), r.definition());
            r.altLabel().ifPresent(a -> t(s, SKOS.altLabel, NodeFactory.createLiteralLang(a, "en")));
            if (r.broader().isPresent()) {
                t(s, SKOS.broader, iris.node(Kind.TOPIC, r.broader().get()));
            } else {
                t(s, SKOS.topConceptOf, topics);
                t(topics, SKOS.hasTopConcept, s);
            }
        }

        void role(Role r) {
            Node s = subject(Kind.ROLE, r.id(), r.origin());
            type(s, IBCR.Role, SKOS.Concept, SchemaDO.DefinedTerm);
            concept(s, roles, r.label(), r.definition());
            t(s, SKOS.topConceptOf, roles);
            t(roles, SKOS.hasTopConcept, s);
        }

        void milestone(Milestone r) {
            Node s = subject(Kind.MILESTONE, r.id(), r.origin());
            switch (r.type()) {
                case EVENT -> type(s, IBCR.Milestone);
                case PROGRAMME -> type(s, IBCR.Programme, IBCR.Milestone);
                case PROJECT -> type(s, IBCR.Project, IBCR.Milestone, SchemaDO.Project);
                case AGREEMENT -> type(s, IBCR.Agreement, IBCR.Milestone);
            }
            type(s, SchemaDO.Event, PROV.Activity);
            names(s, r.name());
            description(s, r.description());
            r.startYear().ifPresent(y -> {
                t(s, IBCR.startYear, year(y));
                t(s, SchemaDO.startDate, year(y));
            });
            r.endYear().ifPresent(y -> {
                t(s, IBCR.endYear, year(y));
                t(s, SchemaDO.endDate, year(y));
            });
            if (r.startYear().isPresent() || r.endYear().isPresent()) interval(s, r.startYear(), r.endYear());
            r.notBefore().ifPresent(y -> t(s, IBCR.notBefore, year(y)));
            r.notAfter().ifPresent(y -> t(s, IBCR.notAfter, year(y)));
            r.partOf().ifPresent(p -> {
                Node parent = iris.node(Kind.MILESTONE, p);
                t(s, IBCR.partOf, parent);
                t(s, SchemaDO.superEvent, parent);
                t(parent, SchemaDO.subEvent, s);
            });
            r.sequence().ifPresent(n -> {
                t(s, IBCR.sequence, integer(n, XSDDatatype.XSDpositiveInteger));
                t(s, SchemaDO.position, integer(n, XSDDatatype.XSDpositiveInteger));
            });
            Node section = iris.node(Kind.SECTION, r.section());
            t(s, IBCR.sourceSection, section);
            t(s, PROV.wasDerivedFrom, section);
            t(s, PROV.hadPrimarySource, sourceDoc);
            cite(s, r.citation());
        }

        /**
         * A sentence of the source, by position only: its section and number, and a W3C Web Annotation
         * selector of its code point offsets in the source page, so that a reader can find its words there.
         */
        void sentence(Sentence r) {
            Node s = iris.sentence(r.section(), r.n());
            origins.accept(s, r.origin());
            type(s, IBCR.Sentence, OA.SpecificResource);
            Node section = iris.node(Kind.SECTION, r.section());
            t(s, DCTerms.isPartOf, section);
            t(section, DCTerms.hasPart, s);
            t(s, SchemaDO.position, integer(r.n(), XSDDatatype.XSDnonNegativeInteger));
            lang(s, RDFS.label, sentenceLabel(headings.getOrDefault(r.section(), Text.of(r.section(), null)), r.n()));
            t(s, OA.hasSource, sourceDoc);
            Node selector = iris.part(s, "position");
            t(s, OA.hasSelector, selector);
            type(selector, OA.TextPositionSelector);
            t(selector, OA.start, integer(r.start(), XSDDatatype.XSDnonNegativeInteger));
            t(selector, OA.end, integer(r.end(), XSDDatatype.XSDnonNegativeInteger));
            r.reason().ifPresent(reason -> t(s, IBCR.noFactReason, switch (reason) {
                case HEADING -> IBCR.heading;
            }));
        }

        /** What the fact {@code node} stands for rests on: the sentences that state it, and its basis where it has one. */
        void cite(Node node, Citation citation) {
            for (SentenceRef ref : citation.cites()) t(node, PROV.wasDerivedFrom, iris.sentence(ref.section(), ref.n()));
            citation.basis().ifPresent(b -> {
                t(node, IBCR.basis, switch (b.kind()) {
                    case CHECKED_REFERENCE -> IBCR.checkedReference;
                    case INFERRED -> IBCR.inferred;
                });
                lang(node, IBCR.basisNote, b.note());
            });
        }

        /**
         * A link row as a fact of its own, to carry its citation: an {@code rdf:Statement} of the link's triple,
         * named inside the subject's document ({@code {subject}#{relation}.{target}}) and linked from the subject,
         * so that the subject's page and data hold it.
         */
        void statement(Node s, String relation, Resource p, Node o, String target, Origin origin, Citation citation) {
            Node st = iris.part(s, relation + "." + target);
            origins.accept(st, origin);
            t(s, IBCR.linkStatement, st);
            type(st, RDF.Statement, PROV.Entity);
            t(st, RDF.subject, s);
            t(st, RDF.predicate, p);
            t(st, RDF.object, o);
            cite(st, citation);
        }

        /** The years as an OWL-Time interval, in nodes named inside the milestone's document. */
        void interval(Node milestone, Optional<Year> start, Optional<Year> end) {
            Node time = iris.part(milestone, "time");
            t(milestone, TIME.hasTime, time);
            type(time, TIME.ProperInterval);
            start.ifPresent(y -> instant(time, TIME.hasBeginning, iris.part(milestone, "start"), y));
            end.ifPresent(y -> instant(time, TIME.hasEnd, iris.part(milestone, "end"), y));
        }

        void instant(Node interval, Resource p, Node instant, Year y) {
            t(interval, p, instant);
            type(instant, TIME.Instant);
            t(instant, TIME.inXSDgYear, year(y));
        }

        void milestoneLink(MilestoneLink r) {
            Node s = iris.node(Kind.MILESTONE, r.milestone());
            Node o = iris.node(r.target());
            statement(s, r.relation().code(), switch (r.relation()) {
                case LOCATION -> IBCR.location;
                case TOPIC -> IBCR.topic;
                case OUTCOME -> IBCR.outcome;
                case CONCERNS -> IBCR.concerns;
                case CONTINUES -> IBCR.continues;
                case ESTABLISHES -> IBCR.establishes;
            }, o, r.target().slug(), r.origin(), r.citation());
            switch (r.relation()) {
                case LOCATION -> {
                    t(s, IBCR.location, o);
                    t(s, SchemaDO.location, o);
                }
                case TOPIC -> {
                    t(s, IBCR.topic, o);
                    t(s, SchemaDO.about, o);
                }
                case OUTCOME -> {
                    t(s, IBCR.outcome, o);
                    t(o, PROV.wasGeneratedBy, s);
                }
                case CONCERNS -> t(s, IBCR.concerns, o);
                case CONTINUES -> t(s, IBCR.continues, o);
                case ESTABLISHES -> {
                    t(s, IBCR.establishes, o);
                    established.computeIfAbsent(r.milestone(), k -> new java.util.ArrayList<>()).add(o);
                }
            }
        }

        void participation(Participation r) {
            Node p = subject(Kind.PARTICIPATION, r.slug(), r.origin());
            Node m = iris.node(Kind.MILESTONE, r.milestone());
            Node agent = iris.node(r.agent());
            Node role = iris.node(Kind.ROLE, r.role());
            type(p, IBCR.Participation, PROV.Association, SchemaDO.Role);
            t(p, IBCR.agent, agent);
            t(p, PROV.agent, agent);
            t(p, IBCR.role, role);
            t(p, PROV.hadRole, role);
            t(p, SchemaDO.roleName, string(r.role()));
            r.startYear().ifPresent(y -> {
                t(p, IBCR.startYear, year(y));
                t(p, SchemaDO.startDate, year(y));
            });
            r.endYear().ifPresent(y -> {
                t(p, IBCR.endYear, year(y));
                t(p, SchemaDO.endDate, year(y));
            });
            t(m, IBCR.qualifiedParticipation, p);
            t(m, PROV.qualifiedAssociation, p);
            t(m, IBCR.participant, agent);
            t(m, PROV.wasAssociatedWith, agent);
            // schema.org has no n-ary participation: funders, audiences and founders get their own properties.
            switch (r.role()) {
                case "funder" -> t(m, SchemaDO.funder, agent);
                case "audience" -> t(m, SchemaDO.audience, agent);
                default -> t(m, SchemaDO.contributor, agent);
            }
            cite(p, r.citation());
            if (r.role().equals("founder")) {
                for (Node org : established.getOrDefault(r.milestone(), List.of())) t(org, SchemaDO.founder, agent);
            }
        }

        void quantity(Quantity r) {
            Node q = subject(Kind.QUANTITY, r.id(), r.origin());
            type(q, IBCR.Quantity, SchemaDO.QuantitativeValue);
            names(q, r.label());
            t(q, IBCR.qualifier, switch (r.qualifier()) {
                case EXACTLY -> IBCR.exactly;
                case MORE_THAN -> IBCR.moreThan;
                case RANGE -> IBCR.range;
                case SEVERAL -> IBCR.several;
            });
            switch (r.qualifier()) {
                case RANGE -> {
                    t(q, SchemaDO.minValue, integer(r.value().getAsInt(), XSDDatatype.XSDinteger));
                    t(q, SchemaDO.maxValue, integer(r.maxValue().getAsInt(), XSDDatatype.XSDinteger));
                }
                case SEVERAL -> { }
                default -> t(q, SchemaDO.value, integer(r.value().getAsInt(), XSDDatatype.XSDinteger));
            }
            t(q, SchemaDO.unitText, string(r.unit()));
            t(iris.node(Kind.MILESTONE, r.milestone()), IBCR.quantity, q);
            cite(q, r.citation());
        }

        void work(Work r) {
            Node s = subject(Kind.WORK, r.id(), r.origin());
            type(s, IBCR.Work, SchemaDO.CreativeWork, PROV.Entity);
            Resource schemaClass = schemaClass(r.type());
            if (!schemaClass.equals(SchemaDO.CreativeWork)) type(s, schemaClass);
            t(s, IBCR.workType, workType(r.type()));
            names(s, r.title());
            description(s, r.description());
            r.year().ifPresent(y -> {
                t(s, IBCR.year, year(y));
                t(s, SchemaDO.dateCreated, year(y));
            });
            r.edition().ifPresent(e -> {
                t(s, IBCR.edition, NodeFactory.createLiteralLang(e, "en"));
                t(s, SchemaDO.version, NodeFactory.createLiteralLang(e, "en"));
            });
            r.documentSymbol().ifPresent(d -> {
                t(s, IBCR.documentSymbol, string(d));
                t(s, SchemaDO.identifier, string(d));
            });
            r.partOf().ifPresent(p -> {
                t(s, IBCR.partOf, iris.node(Kind.WORK, p));
                t(s, SchemaDO.isPartOf, iris.node(Kind.WORK, p));
            });
            cite(s, r.citation());
        }

        Resource schemaClass(WorkType type) {
            return switch (type) {
                case STUDY, COUNTRY_PROFILE -> SchemaDO.Report;
                case TRAINING_MATERIAL -> SchemaDO.LearningResource;
                case GUIDE -> SchemaDO.Book;
                case RULES, RESOLUTION -> SchemaDO.Legislation;
                case GUIDELINES, ACTION_PLAN, TOOLKIT -> SchemaDO.CreativeWork;
            };
        }

        Resource workType(WorkType type) {
            return switch (type) {
                case GUIDELINES -> IBCR.guidelines;
                case STUDY -> IBCR.study;
                case COUNTRY_PROFILE -> IBCR.countryProfile;
                case ACTION_PLAN -> IBCR.actionPlan;
                case TOOLKIT -> IBCR.toolkit;
                case TRAINING_MATERIAL -> IBCR.trainingMaterial;
                case GUIDE -> IBCR.guide;
                case RULES -> IBCR.rules;
                case RESOLUTION -> IBCR.resolution;
            };
        }

        void workLink(WorkLink r) {
            Node s = iris.node(Kind.WORK, r.work());
            Node o = iris.node(r.target());
            statement(s, r.relation().code(), switch (r.relation()) {
                case PRODUCED_BY -> IBCR.producedBy;
                case ADOPTED_BY -> IBCR.adoptedBy;
                case ADDRESSED_TO -> IBCR.addressedTo;
                case ON_A_PAR_WITH -> IBCR.onAParWith;
                case DERIVED_FROM -> IBCR.derivedFrom;
                case IMPLEMENTS -> IBCR.implementsWork;
                case TOPIC -> IBCR.topic;
            }, o, r.target().slug(), r.origin(), r.citation());
            switch (r.relation()) {
                case PRODUCED_BY -> {
                    t(s, IBCR.producedBy, o);
                    t(s, SchemaDO.creator, o);
                }
                case ADOPTED_BY -> t(s, IBCR.adoptedBy, o);
                case ADDRESSED_TO -> t(s, IBCR.addressedTo, o);
                case ON_A_PAR_WITH -> {
                    t(s, IBCR.onAParWith, o);
                    t(o, IBCR.onAParWith, s);
                }
                case DERIVED_FROM -> {
                    t(s, IBCR.derivedFrom, o);
                    t(s, SchemaDO.isBasedOn, o);
                    t(s, PROV.wasDerivedFrom, o);
                }
                case IMPLEMENTS -> t(s, IBCR.implementsWork, o);
                case TOPIC -> {
                    t(s, IBCR.topic, o);
                    t(s, SchemaDO.about, o);
                }
            }
        }
    }
}
