package org.ibcr.kg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The French typography every French text we publish follows; one case a line. */
class FrenchTypographyTest {
    private static final String NB = "\u00a0";
    private static final String NN = "\u202f";

    @Test
    void goodFrenchPasses() {
        good("Les débuts" + NB + ": la fondation");
        good("une priorité" + NN + "; des lignes directrices");
        good("Vraiment" + NN + "?");
        good("Attention" + NN + "!");
        good("Quoi" + NN + "?!");
        good("par exemple «" + NB + "quelques années" + NB + "»).");
        good("");
    }

    @Test
    void whatIsNotProseIsLeftAlone() {
        good("http://example.org/a?b=c");
        good("https://w3id.org/ibcr/id/city/paris");
        good("le terme rdf:Statement et as:Delete");
        good("à 12:30 et à l'échelle 1:110m");
        good("SELECT ?x WHERE { ?x ?p ?o }");
        good("/query?lang=fr");
        good(":début"); // nothing before: a fragment another text is joined to
    }

    @Test
    void aPlainSpaceOrNoneIsAFault() {
        fault("Les débuts : la fondation", 11, "no-break space (U+00A0)", "a plain space");
        fault("Les débuts: la fondation", 10, "no-break space (U+00A0)", "no space");
        fault("une priorité ; des lignes", 13, "narrow no-break space (U+202F)", "a plain space");
        fault("une priorité" + NB + "; des lignes", 13, "narrow no-break space (U+202F)", "a no-break space (U+00A0)");
        fault("Vraiment ?", 9, "narrow no-break space (U+202F)", "a plain space");
        fault("Fin!", 3, "narrow no-break space (U+202F)", "no space");
        fault("Fin" + NN + ":", 4, "no-break space (U+00A0)", "a narrow no-break space (U+202F)");
        fault("deux « les", 5, "'«'", "a plain space");
        fault("deux «" + NB + "les »", 11, "'»'", "a plain space");
        fault("(tel quel :)", 10, "':'", "a plain space");
    }

    @Test
    void applyMendsWhatFirstFaultRefuses() {
        assertEquals("Les débuts" + NB + ": la fondation", FrenchTypography.apply("Les débuts : la fondation"));
        assertEquals("Les débuts" + NB + ": la fondation", FrenchTypography.apply("Les débuts: la fondation"));
        assertEquals("priorité" + NN + "; lignes", FrenchTypography.apply("priorité" + NB + "; lignes"));
        assertEquals("«" + NB + "x" + NB + "»" + NB + ": fin", FrenchTypography.apply("« x » : fin"));
        assertEquals("http://example.org/a?b=c à 12:30", FrenchTypography.apply("http://example.org/a?b=c à 12:30"));
        for (String text : new String[] {"Les débuts : la fondation", "une priorité ; des lignes", "deux « les directrices » : celles", "Quoi ?!"}) {
            good(FrenchTypography.apply(text));
        }
    }

    private static void good(String text) {
        assertEquals(Optional.empty(), FrenchTypography.firstFault(text), text);
    }

    private static void fault(String text, int offset, String wanted, String found) {
        FrenchTypography.Fault fault = FrenchTypography.firstFault(text).orElseThrow(() -> new AssertionError("no fault in " + text));
        assertEquals(offset, fault.offset(), text + ": " + fault.message());
        assertTrue(fault.message().contains(wanted), fault.message());
        assertTrue(fault.message().contains("not " + found), fault.message());
    }
}
