package org.ibcr.kg.model;

import java.math.BigDecimal;
import java.time.Year;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.ibcr.kg.model.Types.MilestoneRelation;
import org.ibcr.kg.model.Types.BasisKind;
import org.ibcr.kg.model.Types.MilestoneType;
import org.ibcr.kg.model.Types.NoFactReason;
import org.ibcr.kg.model.Types.OrganisationType;
import org.ibcr.kg.model.Types.QuantityQualifier;
import org.ibcr.kg.model.Types.WorkRelation;
import org.ibcr.kg.model.Types.WorkType;

/**
 * One immutable record per row of each data table; data/README.md documents the columns.
 * References are already resolved to a {@link Ref} and checked to exist.
 */
public final class Records {
    private Records() {}

    public record Section(Origin origin, String id, Text heading, int position, Optional<String> partOf,
                          Optional<Text> description) {}

    public record Region(Origin origin, String id, Text name, Optional<String> within) {}

    public record Country(Origin origin, String id, Text name, String iso3166Alpha2, Optional<String> within,
                          Optional<String> wikidata, Optional<String> geonames) {}

    public record City(Origin origin, String id, Text name, String country, Optional<String> wikidata,
                       Optional<String> geonames, Optional<BigDecimal> lat, Optional<BigDecimal> lon) {}

    /**
     * A country's outline from Natural Earth (country_geometries.csv): a WKT MULTIPOLYGON in CRS84
     * (longitude latitude), and a representative point inside it.
     */
    public record CountryGeometry(Origin origin, String country, String iso3166Numeric, String naturalEarthName,
                                  String naturalEarthScale, BigDecimal pointLat, BigDecimal pointLon, String outlineWkt) {}

    public record Organisation(Origin origin, String id, OrganisationType type, Text name, Optional<String> altName,
                               Optional<String> partOf, Optional<Ref> basedIn, Optional<String> wikidata,
                               Text description) {}

    public record Person(Origin origin, String id, String name, Optional<String> honorificPrefix,
                         Optional<String> givenName, Optional<String> familyName, Optional<Text> formerPosition,
                         Optional<String> formerAffiliation, Text description) {}

    public record Topic(Origin origin, String id, Text label, Optional<String> altLabel, Optional<String> broader,
                        Text definition) {}

    public record Role(Origin origin, String id, Text label, Text definition) {}

    public record Milestone(Origin origin, String id, MilestoneType type, Text name, Optional<Year> startYear,
                            Optional<Year> endYear, Optional<Year> notBefore, Optional<Year> notAfter,
                            Optional<String> partOf, OptionalInt sequence, String section, Text description,
                            Citation citation) {}

    public record MilestoneLink(Origin origin, String milestone, MilestoneRelation relation, Ref target, Citation citation) {}

    public record Participation(Origin origin, String milestone, Ref agent, String role, Optional<Year> startYear,
                                Optional<Year> endYear, Citation citation) {
        /** The participation's slug: milestone, agent and role, which together identify it. */
        public String slug() {
            return milestone + "." + agent.slug() + "." + role;
        }
    }

    public record Quantity(Origin origin, String id, String milestone, Text label, QuantityQualifier qualifier,
                           OptionalInt value, OptionalInt maxValue, String unit, Citation citation) {}

    public record Work(Origin origin, String id, WorkType type, Text title, Optional<Year> year,
                       Optional<String> edition, Optional<String> documentSymbol, Optional<String> partOf,
                       Text description, Citation citation) {}

    public record WorkLink(Origin origin, String work, WorkRelation relation, Ref target, Citation citation) {}

    /**
     * One sentence of the source document, by position only (its text is not ours to republish): its
     * section, its number there (0 is the section's heading, the body's sentences count from 1), its start
     * and end as Unicode code point offsets in the document (end exclusive, as a W3C Web Annotation
     * {@code TextPositionSelector} counts them), and, for a sentence that states no fact, why.
     */
    public record Sentence(Origin origin, String section, int n, int start, int end, Optional<NoFactReason> reason) {}

    /** A sentence named by its section and its number there, as a {@code cites} cell names it. */
    public record SentenceRef(String section, int n) {
        @Override
        public String toString() {
            return section + "/" + n;
        }
    }

    /** Why a fact holds without a sentence that states it: a checked reference, or an inference, named. */
    public record Basis(BasisKind kind, Text note) {}

    /**
     * What a fact rests on: the sentences of the source that state it ({@code cites}), and, for what no
     * sentence states, a {@link Basis}. A row may have both (a year inferred beside a cited event); a
     * row with neither is what {@code validate --coverage} refuses.
     */
    public record Citation(List<SentenceRef> cites, Optional<Basis> basis) {
        public static final Citation NONE = new Citation(List.of(), Optional.empty());

        public Citation {
            cites = List.copyOf(cites);
            java.util.Objects.requireNonNull(basis, "basis");
        }

        /** Whether the fact rests on nothing: no sentence and no basis. */
        public boolean isEmpty() {
            return cites.isEmpty() && basis.isEmpty();
        }
    }

    /** The dataset's own description, from dataset.csv. */
    public record DatasetInfo(Origin origin, Text title, Text description, String version, String issued,
                              String modified, String publisher, String license, String source) {}
}
