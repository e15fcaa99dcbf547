package org.ibcr.kg.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ibcr.kg.source.Table;

/**
 * Writes a synthetic data folder shaped like {@code data/} and {@code scale} times larger, for tests and
 * benchmarks. The data is made of {@code scale} blocks; each block holds as many rows per table as the
 * real tables do (33 milestones, 41 organisations and groups, 75 participations...), with the same
 * share of optional cells filled, English and French text, and references that mostly stay in the
 * block but also reach into others, so the graph is one network rather than copies.
 *
 * <p>Fixed in size whatever the scale: roles.csv (the 17 real roles, which the converter gives meaning
 * to) and dataset.csv (one row). Countries grow with the scale up to 676, one per two-letter code.
 * External identifiers (Wikidata, GeoNames, coordinates, UN document symbols) are left empty: only
 * checked values may go there.
 *
 * <p>Each block of each table draws from its own random source, seeded from the seed, the table and
 * the block, so a reference can be made to any row of any table without remembering it: rows stream
 * to the files and memory stays flat. The same scale and seed give byte-identical files.
 *
 * <pre>{@code
 * Map<Table, Long> rows = HistoryGenerator.ofScale(20).seed(7).progress(System.err::println)
 *         .writeInto(Path.of("generated"));
 * }</pre>
 */
public final class HistoryGenerator {
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 1;
    /** Two-letter codes, one per country, cap the number of countries. */
    public static final int MAX_COUNTRIES = 26 * 26;

    static final int SECTIONS = 11, REGIONS = 6, COUNTRIES = 12, CITIES = 6, ORGANISATIONS = 20, GROUPS = 21,
            PEOPLE = 2, TOPICS = 29, MILESTONES = 33, PARTICIPATIONS = 75, MILESTONE_LINKS = 96, WORKS = 12,
            WORK_LINKS = 39, QUANTITIES = 14;
    /** Sentences of a dated section after its heading. */
    static final int SENTENCES_PER_SECTION = 4;
    /** Share of references that stay within their block; the rest go to a block drawn at random. */
    private static final double SAME_BLOCK = 0.85;

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private static final String[][] ROLES = {
        {"founder", "founder", "fondateur", "Brought the milestone or the organisation it created into being.", "A fait naître le jalon ou l'organisation qui en est issue."},
        {"lead", "lead", "maître d'œuvre", "Carried out the milestone.", "A mené le jalon à bien."},
        {"funder", "funder", "bailleur de fonds", "Paid for the milestone.", "A financé le jalon."},
        {"partner", "partner", "partenaire", "Worked on the milestone together with the lead.", "A travaillé au jalon aux côtés du maître d'œuvre."},
        {"co-operator", "co-operator", "co-exécutant", "Ran the milestone jointly with the lead.", "A conduit le jalon conjointement avec le maître d'œuvre."},
        {"manager", "sole manager", "seul gestionnaire", "Managed the milestone alone.", "A assuré seul la gestion du jalon."},
        {"requester", "requester", "demandeur", "Asked for the milestone or expressed the need it answers.", "A demandé le jalon ou exprimé le besoin auquel il répond."},
        {"signatory", "signatory", "signataire", "Signed the agreement of the milestone.", "A signé l'entente conclue dans le jalon."},
        {"grantor", "grantor", "octroyant", "Granted a status or right in the milestone.", "A accordé un statut ou un droit dans le cadre du jalon."},
        {"recipient", "recipient", "bénéficiaire", "Received the status or right granted in the milestone.", "A obtenu le statut ou le droit accordé dans le cadre du jalon."},
        {"adopter", "adopter", "adoptant", "Formally adopted the instrument of the milestone.", "A officiellement adopté l'instrument visé par le jalon."},
        {"representative", "representative", "représentant", "Represents another party in a country.", "Agit au nom d'une autre partie dans un pays."},
        {"represented-party", "represented party", "partie représentée", "Is represented by another party in a country.", "Est représentée dans un pays par une autre partie."},
        {"member", "member", "membre", "Took part as a member of a coalition.", "A participé en tant que membre d'une coalition."},
        {"consulted", "consulted party", "partie consultée", "Was consulted during the milestone.", "A été consultée au cours du jalon."},
        {"participant", "involved party", "partie impliquée", "Was involved in the activities of the milestone.", "A pris part aux activités du jalon."},
        {"audience", "audience", "public cible", "Was addressed or trained by the milestone.", "Était visé par le jalon, ou formé dans le cadre de celui-ci."}};
    /** Roles drawn with the frequencies of the real participations (75 rows). */
    private static final String[] ROLE_DRAW = draw(
            "lead", 25, "audience", 14, "funder", 8, "co-operator", 4, "participant", 4, "founder", 3, "partner", 3,
            "requester", 3, "consulted", 2, "signatory", 2, "adopter", 1, "grantor", 1, "manager", 1, "member", 1,
            "recipient", 1, "representative", 1, "represented-party", 1);
    /** The relations of one block's milestone links, as many of each as the real table has. */
    private static final String[] MILESTONE_RELATIONS = draw(
            "location", 27, "topic", 49, "outcome", 9, "concerns", 2, "continues", 8, "establishes", 1);
    private static final String[] WORK_RELATIONS = draw(
            "produced-by", 8, "addressed-to", 8, "adopted-by", 2, "derived-from", 2, "implements", 1,
            "on-a-par-with", 1, "topic", 17);
    /** The types of the 20 organisations of a block, as in the real table (groups come after). */
    private static final String[] ORGANISATION_TYPES = draw(
            "ngo", 5, "government-body", 6, "un-body", 5, "intergovernmental-organisation", 2, "foundation", 1, "coalition", 1);
    private static final String[] MILESTONE_TYPES = draw("event", 14, "programme", 7, "project", 8, "agreement", 4);
    private static final String[][] WORK_TYPES = {
        {"guidelines", "guidelines", "lignes directrices"}, {"study", "study", "étude"},
        {"country-profile", "country profile", "profil de pays"}, {"action-plan", "action plan", "plan d'action"},
        {"toolkit", "toolkit", "trousse"}, {"training-material", "training manual", "manuel de formation"},
        {"guide", "guide", "guide"}, {"rules", "rules", "règles"}, {"resolution", "resolution", "résolution"}};
    private static final String[] QUALIFIERS = draw("exactly", 7, "several", 4, "more-than", 2, "range", 1);
    private static final String[][] QUANTITY_LABELS = {
        {"people trained", "personnes formées", "person"}, {"countries covered", "pays visés", "country"},
        {"duration of the programme", "durée du programme", "year"}, {"campaigns run", "campagnes menées", "campaign"},
        {"agreements signed", "ententes signées", "agreement"}, {"hearings held", "audiences tenues", "hearing"}};
    private static final String[][] ASPECTS = {
        {"prevention", "prévention"}, {"response", "intervention"}, {"policy", "politiques"},
        {"research", "recherche"}, {"training", "formation"}, {"monitoring", "suivi"}};
    private static final String[][] POSITIONS = {
        {"judge", "juge"}, {"minister", "ministre"}, {"ambassador", "ambassadeur"}, {"social worker", "travailleur social"}};

    private final int scale;
    private final long seed;
    private final Consumer<String> progress;
    private final int countries;

    private HistoryGenerator(int scale, long seed, Consumer<String> progress) {
        this.scale = scale;
        this.seed = seed;
        this.progress = progress;
        this.countries = (int) Math.min((long) COUNTRIES * scale, MAX_COUNTRIES);
    }

    /** A generator of {@code scale} blocks (scale 1 is about the size of the real data), with the default seed. */
    public static HistoryGenerator ofScale(int scale) {
        if (scale < 1) throw new IllegalArgumentException("scale must be at least 1, not " + scale);
        return new HistoryGenerator(scale, DEFAULT_SEED, message -> {});
    }

    /** The same generator with another seed: another seed, other data. */
    public HistoryGenerator seed(long seed) {
        return new HistoryGenerator(scale, seed, progress);
    }

    /** The same generator, telling {@code progress} as each table is written. */
    public HistoryGenerator progress(Consumer<String> progress) {
        return new HistoryGenerator(scale, seed, Objects.requireNonNull(progress, "progress"));
    }

    /**
     * Writes every table into {@code folder} (which must exist), replacing files of the same names.
     *
     * @return the number of data rows written per table, in the order of {@link Table}
     */
    public Map<Table, Long> writeInto(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Map<Table, Long> rows = new EnumMap<>(Table.class);
        for (Table table : Table.values()) {
            long started = System.nanoTime();
            long count = write(folder, table);
            rows.put(table, count);
            progress.accept(String.format("%-20s %,12d rows  %6d ms", table.fileName(), count,
                    (System.nanoTime() - started) / 1_000_000));
        }
        return Collections.unmodifiableMap(rows);
    }

    private long write(Path folder, Table table) throws IOException {
        try (CSVPrinter out = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(folder.resolve(table.fileName())), StandardCharsets.UTF_8), 1 << 16), FORMAT)) {
            out.printRecord(table.allColumns());
            Rows rows = new Rows(out);
            switch (table) {
                case DATASET -> dataset(rows);
                case ROLES -> { for (String[] role : ROLES) rows.print((Object[]) role); }
                case COUNTRIES -> countries(rows);
                case COUNTRY_GEOMETRIES -> { } // outlines come only from Natural Earth: never invented
                default -> {
                    for (int block = 0; block < scale; block++) block(table, block, random(table, block), rows);
                }
            }
            return rows.count;
        }
    }

    /** Counts what it prints. */
    private static final class Rows {
        private final CSVPrinter out;
        private long count;

        Rows(CSVPrinter out) {
            this.out = out;
        }

        void print(Object... cells) throws IOException {
            out.printRecord(cells);
            count++;
        }
    }

    private void block(Table table, int k, SplittableRandom r, Rows rows) throws IOException {
        SyntheticText text = SyntheticText.from(r);
        switch (table) {
            case SECTIONS -> sections(k, rows);
            case SENTENCES -> sentences(k, rows);
            case REGIONS -> regions(k, r, text, rows);
            case CITIES -> cities(k, r, text, rows);
            case ORGANISATIONS -> organisations(k, r, text, rows);
            case PEOPLE -> people(k, r, text, rows);
            case TOPICS -> topics(k, r, text, rows);
            case MILESTONES -> milestones(k, r, text, rows);
            case PARTICIPATIONS -> participations(k, r, rows);
            case MILESTONE_LINKS -> milestoneLinks(k, r, rows);
            case QUANTITIES -> quantities(k, r, rows);
            case WORKS -> works(k, r, text, rows);
            case WORK_LINKS -> workLinks(k, r, rows);
            default -> throw new IllegalStateException("not a block table: " + table);
        }
    }

    // --- ids: kind, block and index, counted from 1; any id can be named without having been kept ---

    private static String id(String kind, int block, int index) {
        return kind + "-" + (block + 1) + "-" + (index + 1);
    }

    private static String section(int k, int j) { return id("section", k, j); }
    private static String region(int k, int j) { return id("region", k, j); }
    private static String city(int k, int j) { return id("city", k, j); }
    private static String topic(int k, int j) { return id("topic", k, j); }
    private static String milestone(int k, int j) { return id("milestone", k, j); }
    private static String work(int k, int j) { return id("work", k, j); }
    private static String person(int k, int j) { return id("person", k, j); }

    /** Organisations 0..19 of a block are organisations proper, 20..40 groups. */
    private static String organisation(int k, int j) {
        return j < ORGANISATIONS ? id("organisation", k, j) : id("group", k, j - ORGANISATIONS);
    }

    private static String countryCode(int g) {
        return "" + (char) ('A' + g / 26) + (char) ('A' + g % 26);
    }

    private static String country(int g) {
        return "country-" + countryCode(g).toLowerCase(java.util.Locale.ROOT);
    }

    private int block(SplittableRandom r, int k) {
        return r.nextDouble() < SAME_BLOCK ? k : r.nextInt(scale);
    }

    private String place(SplittableRandom r, int k) {
        double p = r.nextDouble();
        if (p < 0.4) return city(block(r, k), r.nextInt(CITIES));
        if (p < 0.85) return country(r.nextInt(countries));
        return region(block(r, k), r.nextInt(REGIONS));
    }

    private String agent(SplittableRandom r, int k) {
        int b = block(r, k);
        return r.nextDouble() < 0.05 ? person(b, r.nextInt(PEOPLE)) : organisation(b, r.nextInt(ORGANISATIONS + GROUPS));
    }

    // --- the tables ---

    private void dataset(Rows rows) throws IOException {
        rows.print("Synthetic history, scale " + scale + ", seed " + seed,
                "Histoire synthétique, échelle " + scale + ", graine " + seed,
                "Invented data shaped like the IBCR history, " + scale + " times its size, made by ibcr-kg generate for tests and benchmarks.",
                "Données inventées à l'image de l'histoire du BIDE, " + scale + " fois sa taille, produites par ibcr-kg generate pour les tests et les bancs d'essai.",
                "0.1.0", "2026-01-01", "2026-01-01", organisation(0, 0),
                "https://creativecommons.org/licenses/by/4.0/", "https://www.ibcr.org/en/about/history/");
    }

    private void sections(int k, Rows rows) throws IOException {
        // Two parts per block, with 7 and 2 dated sections under them, as the source has.
        int part2 = 8;
        for (int j = 0; j < SECTIONS; j++) {
            boolean part = j == 0 || j == part2;
            String heading = part ? "Part " + (2 * k + (j == 0 ? 1 : 2)) : String.valueOf(1990 + j * 3) + ", chapter " + (k + 1);
            String headingFr = part ? "Partie " + (2 * k + (j == 0 ? 1 : 2)) : String.valueOf(1990 + j * 3) + ", chapitre " + (k + 1);
            rows.print(section(k, j), heading, (long) k * SECTIONS + j + 1, part ? "" : section(k, j < part2 ? 0 : part2), headingFr, "", "");
        }
    }

    /**
     * The sentences of a block's sections: a part's heading alone, a dated section's heading (which gives
     * the year) and {@link #SENTENCES_PER_SECTION} sentences, at invented offsets that go forward through
     * an invented document.
     */
    private void sentences(int k, Rows rows) throws IOException {
        for (int j = 0; j < SECTIONS; j++) {
            long at = ((long) k * SECTIONS + j) * 1000;
            boolean part = j == 0 || j == 8;
            rows.print(section(k, j), 0, at, at + 12, part ? "heading" : "");
            if (part) continue;
            for (int n = 1; n <= SENTENCES_PER_SECTION; n++) rows.print(section(k, j), n, at + n * 200, at + n * 200 + 150, "");
        }
    }

    /**
     * The cites cell of the {@code i}-th row of a table about a milestone: a sentence of the milestone's
     * section, in turn, so that every sentence is cited; no random draw, so the rest of the data is as before.
     */
    private static String cites(int i) {
        return String.valueOf(1 + i % SENTENCES_PER_SECTION);
    }

    /** The cites cell of the {@code i}-th row of a table about works, which names its section. */
    private static String citesInSection(int k, int i) {
        int j = 1 + i % 7; // a dated section of the first part
        return section(k, j) + "/" + cites(i);
    }

    private void regions(int k, SplittableRandom r, SyntheticText text, Rows rows) throws IOException {
        String parent = text.properName();
        rows.print(region(k, 0), parent, parent, "");
        rows.print(region(k, 1), "West " + parent, parent + " de l'Ouest", region(k, 0));
        rows.print(region(k, 2), "North " + parent, parent + " du Nord", region(k, 0));
        for (int j = 3; j < REGIONS; j++) {
            String name = text.properName();
            rows.print(region(k, j), name, name, "");
        }
    }

    private void countries(Rows rows) throws IOException {
        for (int g = 0; g < countries; g++) {
            int k = g / COUNTRIES;
            SplittableRandom r = random(Table.COUNTRIES, g);
            String name = SyntheticText.from(r).properName();
            rows.print(country(g), name, r.nextInt(3) == 0 ? "République de " + name : name, countryCode(g),
                    r.nextBoolean() ? region(k, r.nextInt(REGIONS)) : "", "", "");
        }
    }

    private void cities(int k, SplittableRandom r, SyntheticText text, Rows rows) throws IOException {
        for (int j = 0; j < CITIES; j++) {
            String name = text.properName();
            rows.print(city(k, j), name, name, country(r.nextInt(countries)), "", "", "", "");
        }
    }

    private void organisations(int k, SplittableRandom r, SyntheticText text, Rows rows) throws IOException {
        for (int j = 0; j < ORGANISATIONS + GROUPS; j++) {
            boolean group = j >= ORGANISATIONS;
            String[] name = group ? text.groupName() : text.organisationName(text.properName());
            String acronym = !group && r.nextInt(20) < 9 ? acronym(name[0]) : "";
            // Only organisations proper are parts of another (of an earlier one, so no cycle).
            String partOf = !group && j > 0 && r.nextInt(20) < 5 ? organisation(k, r.nextInt(j)) : "";
            String basedIn = r.nextInt(41) < 17 ? place(r, k) : "";
            String[] description = text.description();
            rows.print(organisation(k, j), group ? "group" : ORGANISATION_TYPES[j], name[0], name[1], acronym, partOf,
                    basedIn, "", description[0], description[1]);
        }
    }

    private static String acronym(String name) {
        StringBuilder sb = new StringBuilder();
        for (String word : name.split(" ")) if (!word.isEmpty() && Character.isUpperCase(word.charAt(0))) sb.append(word.charAt(0));
        return sb.toString();
    }

    private void people(int k, SplittableRandom r, SyntheticText text, Rows rows) throws IOException {
        for (int j = 0; j < PEOPLE; j++) {
            String given = text.properName(), family = text.properName();
            String[] position = POSITIONS[r.nextInt(POSITIONS.length)];
            String[] description = text.description();
            rows.print(person(k, j), given + " " + family, r.nextBoolean() ? "Dr." : "", given, family, position[0], position[1],
                    organisation(k, r.nextInt(ORGANISATIONS)), description[0], description[1]);
        }
    }

    private void topics(int k, SplittableRandom r, SyntheticText text, Rows rows) throws IOException {
        for (int j = 0; j < TOPICS; j++) {
            String[] theme = text.theme(), aspect = ASPECTS[r.nextInt(ASPECTS.length)];
            String broader = j > 0 && r.nextInt(29) < 12 ? topic(k, r.nextInt(j)) : "";
            String alt = r.nextInt(29) < 3 ? aspect[0] + " of " + theme[0] : "";
            String[] definition = text.description();
            rows.print(topic(k, j), theme[0] + ": " + aspect[0], theme[1] + "\u00a0: " + aspect[1], alt, broader, definition[0], definition[1]);
        }
    }

    private void milestones(int k, SplittableRandom r, SyntheticText text, Rows rows) throws IOException {
        int[] parts = new int[MILESTONES];
        for (int j = 0; j < MILESTONES; j++) {
            int year = 1960 + r.nextInt(66);
            String start = "", end = "", notBefore = "", notAfter = "";
            if (r.nextInt(33) < 25) {
                start = String.valueOf(year);
                if (r.nextInt(25) < 10) end = String.valueOf(Math.min(2026, year + r.nextInt(11)));
            } else {
                // No exact year: bounds instead, as the history gives for "a few years later".
                int bounds = r.nextInt(3);
                if (bounds != 1) notBefore = String.valueOf(year);
                if (bounds != 0) notAfter = String.valueOf(Math.min(2026, year + 1 + r.nextInt(6)));
            }
            String partOf = "", sequence = "";
            if (j > 0 && r.nextInt(32) < 9) {
                int parent = r.nextInt(j);
                partOf = milestone(k, parent);
                sequence = String.valueOf(++parts[parent]);
            }
            int section = 1 + r.nextInt(SECTIONS - 2);
            if (section >= 8) section++; // skip the second part's heading
            String[] name = text.milestoneName(text.properName());
            String[] description = text.description();
            rows.print(milestone(k, j), MILESTONE_TYPES[r.nextInt(MILESTONE_TYPES.length)], name[0], name[1], start, end, notBefore, notAfter, partOf, sequence,
                    section(k, section), description[0], description[1], "0 " + cites(j), "", "", "");
        }
    }

    private void participations(int k, SplittableRandom r, Rows rows) throws IOException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < PARTICIPATIONS; i++) {
            // Every milestone gets one participation first, as the shapes require.
            int m = i < MILESTONES ? i : r.nextInt(MILESTONES);
            String agent, role;
            do {
                agent = agent(r, k);
                role = ROLE_DRAW[r.nextInt(ROLE_DRAW.length)];
            } while (!seen.add(m + " " + agent + " " + role));
            rows.print(milestone(k, m), agent, role, "", "", cites(i), "", "", "");
        }
    }

    private void milestoneLinks(int k, SplittableRandom r, Rows rows) throws IOException {
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (String relation : MILESTONE_RELATIONS) {
            int m;
            String target;
            do {
                m = r.nextInt(MILESTONES);
                target = switch (relation) {
                    case "location" -> place(r, k);
                    case "topic" -> topic(block(r, k), r.nextInt(TOPICS));
                    case "outcome", "concerns" -> work(block(r, k), r.nextInt(WORKS));
                    case "establishes" -> organisation(k, r.nextInt(ORGANISATIONS));
                    case "continues" -> {
                        // An earlier milestone: of this block, or of an earlier block.
                        if (m == 0) m = 1 + r.nextInt(MILESTONES - 1);
                        yield k > 0 && r.nextDouble() >= SAME_BLOCK ? milestone(r.nextInt(k), r.nextInt(MILESTONES))
                                                                    : milestone(k, r.nextInt(m));
                    }
                    default -> throw new IllegalStateException(relation);
                };
            } while (!seen.add(m + " " + relation + " " + target));
            rows.print(milestone(k, m), relation, target, cites(i++), "", "", "");
        }
    }

    private void quantities(int k, SplittableRandom r, Rows rows) throws IOException {
        for (int j = 0; j < QUANTITIES; j++) {
            String[] label = QUANTITY_LABELS[r.nextInt(QUANTITY_LABELS.length)];
            String qualifier = QUALIFIERS[r.nextInt(QUALIFIERS.length)];
            int value = 1 + r.nextInt(r.nextBoolean() ? 10 : 500);
            String v = qualifier.equals("several") ? "" : String.valueOf(value);
            String max = qualifier.equals("range") ? String.valueOf(value + 1 + r.nextInt(10)) : "";
            rows.print(id("quantity", k, j), milestone(k, r.nextInt(MILESTONES)), label[0], label[1], qualifier, v, max, label[2],
                    cites(j), "", "", "");
        }
    }

    private void works(int k, SplittableRandom r, SyntheticText text, Rows rows) throws IOException {
        for (int j = 0; j < WORKS; j++) {
            String[] type = WORK_TYPES[r.nextInt(WORK_TYPES.length)];
            String[] title = text.workTitle(type[1], type[2]);
            String year = r.nextInt(12) < 8 ? String.valueOf(1970 + r.nextInt(56)) : "";
            String edition = r.nextInt(12) < 1 ? "second edition" : "";
            String partOf = j > 0 && r.nextInt(12) < 2 ? work(k, r.nextInt(j)) : "";
            String[] description = text.description();
            rows.print(work(k, j), type[0], title[0], title[1], year, edition, "", partOf, description[0], description[1],
                    citesInSection(k, j), "", "", "");
        }
    }

    private void workLinks(int k, SplittableRandom r, Rows rows) throws IOException {
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (String relation : WORK_RELATIONS) {
            int w;
            String target;
            do {
                w = r.nextInt(WORKS);
                target = switch (relation) {
                    case "produced-by", "adopted-by", "addressed-to" -> agent(r, k);
                    case "topic" -> topic(block(r, k), r.nextInt(TOPICS));
                    default -> {
                        int b = block(r, k), other = r.nextInt(WORKS);
                        if (b == k && other == w) other = (other + 1) % WORKS; // never the work itself
                        yield work(b, other);
                    }
                };
            } while (!seen.add(w + " " + relation + " " + target));
            rows.print(work(k, w), relation, target, citesInSection(k, i++), "", "", "");
        }
    }

    // --- randomness ---

    /** The random source of one block of one table: from the seed, the table and the block only. */
    private SplittableRandom random(Table table, long block) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L * (table.ordinal() + 1));
        return new SplittableRandom(mix(h + 0xC2B2AE3D27D4EB4FL * (block + 1)));
    }

    /** The finaliser of MurmurHash3: spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    /** An array holding each value as many times as its count: drawing an element draws by frequency. */
    private static String[] draw(Object... valuesAndCounts) {
        int n = 0;
        for (int i = 1; i < valuesAndCounts.length; i += 2) n += (Integer) valuesAndCounts[i];
        String[] out = new String[n];
        int at = 0;
        for (int i = 0; i < valuesAndCounts.length; i += 2) {
            for (int c = 0; c < (Integer) valuesAndCounts[i + 1]; c++) out[at++] = (String) valuesAndCounts[i];
        }
        return out;
    }
}
