package org.ibcr.kg.model;

/** The enumerated codes the data tables use. Each enum lists every value a column accepts. */
public final class Types {
    private Types() {}

    /** Column {@code type} of organisations.csv. */
    public enum OrganisationType implements Coded {
        NGO("ngo"), FOUNDATION("foundation"), GOVERNMENT_BODY("government-body"),
        INTERGOVERNMENTAL_ORGANISATION("intergovernmental-organisation"), UN_BODY("un-body"),
        COALITION("coalition"), GROUP("group");
        private final String code;
        OrganisationType(String code) { this.code = code; }
        @Override public String code() { return code; }
    }

    /** Column {@code type} of milestones.csv. */
    public enum MilestoneType implements Coded {
        EVENT("event"), PROGRAMME("programme"), PROJECT("project"), AGREEMENT("agreement");
        private final String code;
        MilestoneType(String code) { this.code = code; }
        @Override public String code() { return code; }
    }

    /** Column {@code type} of works.csv. */
    public enum WorkType implements Coded {
        GUIDELINES("guidelines"), STUDY("study"), COUNTRY_PROFILE("country-profile"), ACTION_PLAN("action-plan"),
        TOOLKIT("toolkit"), TRAINING_MATERIAL("training-material"), GUIDE("guide"), RULES("rules"),
        RESOLUTION("resolution");
        private final String code;
        WorkType(String code) { this.code = code; }
        @Override public String code() { return code; }
    }

    /** Column {@code qualifier} of quantities.csv. */
    public enum QuantityQualifier implements Coded {
        EXACTLY("exactly"), MORE_THAN("more-than"), RANGE("range"), SEVERAL("several");
        private final String code;
        QuantityQualifier(String code) { this.code = code; }
        @Override public String code() { return code; }
    }

    /** Column {@code relation} of milestone_links.csv. */
    public enum MilestoneRelation implements Coded {
        LOCATION("location"), TOPIC("topic"), OUTCOME("outcome"), CONCERNS("concerns"),
        CONTINUES("continues"), ESTABLISHES("establishes");
        private final String code;
        MilestoneRelation(String code) { this.code = code; }
        @Override public String code() { return code; }
    }

    /** Column {@code relation} of work_links.csv. */
    public enum WorkRelation implements Coded {
        PRODUCED_BY("produced-by"), ADOPTED_BY("adopted-by"), ADDRESSED_TO("addressed-to"),
        ON_A_PAR_WITH("on-a-par-with"), DERIVED_FROM("derived-from"), IMPLEMENTS("implements"), TOPIC("topic");
        private final String code;
        WorkRelation(String code) { this.code = code; }
        @Override public String code() { return code; }
    }

    /** Column {@code basis} of the fact tables: why a fact holds where no sentence states it. */
    public enum BasisKind implements Coded {
        /** From the checked list of identifiers and coordinates, not from the source's words. */
        CHECKED_REFERENCE("checked-reference"),
        /** Inferred by the curators from what the source says; the inference is named in basis_note_en. */
        INFERRED("inferred");
        private final String code;
        BasisKind(String code) { this.code = code; }
        @Override public String code() { return code; }
    }

    /** Column {@code reason} of sentences.csv: why a sentence of the source states no fact. */
    public enum NoFactReason implements Coded {
        /** A heading with no date or other fact in it, such as a part's title. */
        HEADING("heading");
        private final String code;
        NoFactReason(String code) { this.code = code; }
        @Override public String code() { return code; }
    }
}
