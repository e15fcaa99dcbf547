package org.ibcr.kg.generate;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Invented names and sentences in English and French, drawn from short word lists by a seeded random
 * source: text of the lengths and languages the real tables hold, never copied from the source.
 *
 * <pre>{@code
 * SyntheticText text = SyntheticText.from(new SplittableRandom(1));
 * String[] description = text.description(); // {english, french}
 * }</pre>
 */
final class SyntheticText {
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ra", "ven", "tor", "sa", "be", "nu", "li",
        "dor", "ma", "zi", "pe", "lan", "go", "ri", "ta", "mon", "vel", "sha", "ko", "ne", "bar"};
    private static final String[][] SUBJECTS = {
        {"The programme", "Le programme"}, {"The Bureau", "Le Bureau"}, {"The project", "Le projet"},
        {"A coalition of partners", "Une coalition de partenaires"}, {"The ministry", "Le ministère"},
        {"A team of trainers", "Une équipe de formateurs"}, {"The network", "Le réseau"}};
    private static final String[][] VERBS = {
        {"trains", "forme"}, {"supports", "appuie"}, {"reviews", "examine"}, {"brings together", "réunit"},
        {"advises", "conseille"}, {"documents", "documente"}, {"strengthens", "renforce"}};
    /** Who a milestone works with; French without its article, which the sentence adds. */
    private static final String[][] OBJECTS = {
        {"police officers", "policiers"}, {"social workers", "travailleurs sociaux"},
        {"justice professionals", "professionnels de la justice"}, {"civil society groups", "groupes de la société civile"},
        {"child protection services", "services de protection de l'enfance"}, {"teachers", "enseignants"},
        {"national authorities", "autorités nationales"}};
    private static final String[][] PURPOSES = {
        {"so that children are heard in proceedings that concern them", "afin que les enfants soient entendus dans les procédures qui les concernent"},
        {"to prevent violence against children", "pour prévenir la violence envers les enfants"},
        {"on the rights of the child and how to uphold them", "sur les droits de l'enfant et la façon de les faire respecter"},
        {"to improve the care of child victims and witnesses", "pour améliorer la prise en charge des enfants victimes et témoins"},
        {"in several regions over a number of years", "dans plusieurs régions pendant plusieurs années"},
        {"with the help of local partners", "avec l'aide de partenaires locaux"}};
    /** Themes; French with its article ("la", "le", "l'", "les"). */
    private static final String[][] THEMES = {
        {"child protection", "la protection de l'enfant"}, {"juvenile justice", "la justice pour mineurs"},
        {"children's participation", "la participation des enfants"}, {"child labour", "le travail des enfants"},
        {"birth registration", "l'enregistrement des naissances"}, {"education in emergencies", "l'éducation en situation d'urgence"},
        {"child trafficking", "la traite des enfants"}, {"family support", "le soutien aux familles"},
        {"online safety", "la sécurité en ligne"}, {"children in armed conflict", "les enfants dans les conflits armés"}};
    private static final String[][] ACTIVITIES = {
        {"Training of", "Formation des"}, {"Consultation with", "Consultation des"}, {"Study with", "Étude auprès des"},
        {"Campaign for", "Campagne auprès des"}, {"Support to", "Appui aux"}, {"Workshop for", "Atelier pour les"}};
    private static final String[][] BODIES = {
        {"Council", "Conseil"}, {"Foundation", "Fondation"}, {"Ministry", "Ministère"}, {"Agency", "Agence"},
        {"Network", "Réseau"}, {"Alliance", "Alliance"}, {"Commission", "Commission"}, {"Office", "Bureau"}};

    private static final String[][] GROUPS = {{"Families", "Les familles"}, {"Community leaders", "Les leaders communautaires"},
        {"Young people", "Les jeunes"}, {"Religious communities", "Les communautés religieuses"},
        {"Local authorities", "Les autorités locales"}, {"Health workers", "Les agents de santé"}};

    private final SplittableRandom random;

    private SyntheticText(SplittableRandom random) {
        this.random = random;
    }

    static SyntheticText from(SplittableRandom random) {
        return new SyntheticText(Objects.requireNonNull(random, "random"));
    }

    private String[] pick(String[][] list) {
        return list[random.nextInt(list.length)];
    }

    /** An invented proper name of two or three syllables, such as {@code Kalomi}. */
    String properName() {
        StringBuilder sb = new StringBuilder();
        int n = 2 + random.nextInt(2);
        for (int i = 0; i < n; i++) sb.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        return sb.toString();
    }

    /** A theme, {english, french without its article}. */
    String[] theme() {
        String[] theme = pick(THEMES);
        return new String[] {theme[0], theme[1].replaceFirst("^(la |le |les |l')", "")};
    }

    /** A milestone's name, {english, french}. */
    String[] milestoneName(String place) {
        String[] activity = pick(ACTIVITIES), object = pick(OBJECTS), theme = pick(THEMES);
        return new String[] {activity[0] + " " + object[0] + " on " + theme[0] + " in " + place,
            activity[1] + " " + object[1] + " sur " + theme[1] + " à " + place};
    }

    /** An organisation's name, {english, french}. */
    String[] organisationName(String place) {
        String[] body = pick(BODIES), theme = pick(THEMES);
        return new String[] {place + " " + body[0] + " for " + capitalise(theme[0]),
            body[1] + " de " + place + " pour " + theme[1]};
    }

    /** A group's name, {english, french}: several parties named as one. */
    String[] groupName() {
        String[] who = pick(GROUPS), theme = pick(THEMES);
        return new String[] {who[0] + " working on " + theme[0], who[1] + " mobilisés autour de " + theme[1]};
    }

    /** A work's title, {english, french}. */
    String[] workTitle(String kindEn, String kindFr) {
        String[] theme = pick(THEMES), object = pick(OBJECTS);
        return new String[] {capitalise(kindEn) + " on " + theme[0] + " for " + object[0],
            capitalise(kindFr) + " sur " + theme[1] + " à l'intention des " + object[1]};
    }

    /** One or two sentences, {english, french}. */
    String[] description() {
        String[] subject = pick(SUBJECTS), verb = pick(VERBS), object = pick(OBJECTS), purpose = pick(PURPOSES);
        String en = subject[0] + " " + verb[0] + " " + object[0] + " " + purpose[0] + ".";
        String fr = subject[1] + " " + verb[1] + " les " + object[1] + " " + purpose[1] + ".";
        if (random.nextBoolean()) {
            String[] more = pick(PURPOSES), theme = pick(THEMES);
            en += " Its work on " + theme[0] + " continues " + more[0] + ".";
            fr += " Son travail sur " + theme[1] + " se poursuit " + more[1] + ".";
        }
        return new String[] {en, fr};
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
