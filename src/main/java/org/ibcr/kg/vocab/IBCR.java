package org.ibcr.kg.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * The terms of the IBCR ontology ({@code ontology/ibcr.ttl}), in the style of Jena's {@code SKOS}.
 *
 * <pre>{@code
 * model.listSubjectsWithProperty(RDF.type, IBCR.Milestone)
 * }</pre>
 */
public final class IBCR {
    private IBCR() {}

    public static final String NS = "https://w3id.org/ibcr/ontology#";
    /** The ontology's own IRI (without the hash). */
    public static final String ONTOLOGY = "https://w3id.org/ibcr/ontology";
    public static final String PREFIX = "ibcr";

    public static String getURI() {
        return NS;
    }

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }

    // Classes
    public static final Resource Organisation = resource("Organisation");
    public static final Resource NGO = resource("NGO");
    public static final Resource Foundation = resource("Foundation");
    public static final Resource GovernmentBody = resource("GovernmentBody");
    public static final Resource IntergovernmentalOrganisation = resource("IntergovernmentalOrganisation");
    public static final Resource UNBody = resource("UNBody");
    public static final Resource Coalition = resource("Coalition");
    public static final Resource Group = resource("Group");
    public static final Resource Person = resource("Person");
    public static final Resource Milestone = resource("Milestone");
    public static final Resource Programme = resource("Programme");
    public static final Resource Project = resource("Project");
    public static final Resource Agreement = resource("Agreement");
    public static final Resource Participation = resource("Participation");
    public static final Resource Role = resource("Role");
    public static final Resource SourceSection = resource("SourceSection");
    public static final Resource Place = resource("Place");
    public static final Resource Country = resource("Country");
    public static final Resource City = resource("City");
    public static final Resource Region = resource("Region");
    public static final Resource Work = resource("Work");
    public static final Resource Quantity = resource("Quantity");
    public static final Resource Topic = resource("Topic");
    public static final Resource QuantityQualifier = resource("QuantityQualifier");
    public static final Resource WorkType = resource("WorkType");
    public static final Resource Sentence = resource("Sentence");
    public static final Resource Basis = resource("Basis");
    public static final Resource NoFactReason = resource("NoFactReason");

    // Milestone links
    public static final Property partOf = property("partOf");
    public static final Property continues = property("continues");
    public static final Property sequence = property("sequence");
    public static final Property location = property("location");
    public static final Property topic = property("topic");
    public static final Property establishes = property("establishes");
    public static final Property outcome = property("outcome");
    public static final Property concerns = property("concerns");
    public static final Property sourceSection = property("sourceSection");

    // Years
    public static final Property startYear = property("startYear");
    public static final Property endYear = property("endYear");
    public static final Property notBefore = property("notBefore");
    public static final Property notAfter = property("notAfter");

    // Participation
    public static final Property participant = property("participant");
    public static final Property qualifiedParticipation = property("qualifiedParticipation");
    public static final Property agent = property("agent");
    public static final Property role = property("role");

    // Organisations, people, places
    public static final Property subOrganisationOf = property("subOrganisationOf");
    public static final Property basedIn = property("basedIn");
    public static final Property formerAffiliation = property("formerAffiliation");
    public static final Property formerPosition = property("formerPosition");
    public static final Property within = property("within");
    public static final Property isoCode = property("isoCode");

    // Works
    public static final Property workType = property("workType");
    public static final Property year = property("year");
    public static final Property edition = property("edition");
    public static final Property documentSymbol = property("documentSymbol");
    public static final Property producedBy = property("producedBy");
    public static final Property adoptedBy = property("adoptedBy");
    public static final Property addressedTo = property("addressedTo");
    public static final Property onAParWith = property("onAParWith");
    public static final Property derivedFrom = property("derivedFrom");
    public static final Property implementsWork = property("implements");

    // Quantities
    public static final Property quantity = property("quantity");
    public static final Property qualifier = property("qualifier");

    // Citations: what a fact rests on
    public static final Property basis = property("basis");
    public static final Property basisNote = property("basisNote");
    public static final Property noFactReason = property("noFactReason");
    public static final Property linkStatement = property("linkStatement");

    // Individuals defined with the ontology
    public static final Resource checkedReference = resource("checkedReference");
    public static final Resource inferred = resource("inferred");
    public static final Resource heading = resource("heading");
    public static final Resource exactly = resource("exactly");
    public static final Resource moreThan = resource("moreThan");
    public static final Resource range = resource("range");
    public static final Resource several = resource("several");
    public static final Resource guidelines = resource("guidelines");
    public static final Resource study = resource("study");
    public static final Resource countryProfile = resource("countryProfile");
    public static final Resource actionPlan = resource("actionPlan");
    public static final Resource toolkit = resource("toolkit");
    public static final Resource trainingMaterial = resource("trainingMaterial");
    public static final Resource guide = resource("guide");
    public static final Resource rules = resource("rules");
    public static final Resource resolution = resource("resolution");
}
