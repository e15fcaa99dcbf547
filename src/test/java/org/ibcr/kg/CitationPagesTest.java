package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.vocab.IBCR;
import org.ibcr.kg.vocab.OA;
import org.ibcr.kg.vocab.PROV;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18 on the site, over real HTTP: every fact shows a mark per sentence of the source it rests on, linking
 * to the sentence's page; a fact with a basis shows it and its note in the page's language; a sentence's page
 * says where the sentence is and lists the facts resting on it; every sentence IRI dereferences.
 */
class CitationPagesTest {
    @RegisterExtension
    static final ServedBundle SERVED = ServedBundle.create();

    private static final String ID = "https://w3id.org/ibcr/id/";
    private static final String AGREEMENT = "milestone/sida-save-the-children-agreement";
    private static final String SIDA_FUNDER = "participation/sida-save-the-children-agreement.sida.funder";
    private static final String SENTENCE = "section/2008/1";
    private static final String NOTE_EN = "An agreement of the IBCR with a development agency and a donor organisation is read as their funding of its work.";
    private static final String NOTE_FR = "Une entente du BIDE avec une agence de développement et une organisation donatrice est comprise comme un financement de son travail.";

    private static BuiltGraph built;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        built = SERVED.built();
        http = BundledStore.client(HttpClient.Redirect.NEVER);
    }

    @Test
    void theSidaFunderRowOfTheAgreementLinksToSentenceOneOf2008() throws Exception {
        Document page = page("/page/" + AGREEMENT);
        Element row = page.select("table.participants tr").stream()
                .filter(tr -> tr.select("a[href=/page/organisation/sida]").size() == 1 && tr.select("a[href=/page/role/funder]").size() == 1)
                .findFirst().orElseThrow(() -> new AssertionError("no Sida funder row on the agreement's page"));
        List<Element> marks = row.select("sup.cite a");
        assertEquals(1, marks.size(), "one sentence behind Sida's funding: " + row);
        assertEquals("/page/" + SENTENCE, marks.get(0).attr("href"));
        assertEquals("[2008·1]", marks.get(0).text());

        // The participation's own page carries the same mark.
        Element own = page("/page/" + SIDA_FUNDER).selectFirst("p.citation");
        assertNotNull(own, "the participation's page shows what it rests on");
        assertEquals("/page/" + SENTENCE, own.selectFirst("sup.cite a").attr("href"));
    }

    @Test
    void aFactWithABasisShowsItsNoteInThePagesLanguage() throws Exception {
        Element en = page("/page/" + SIDA_FUNDER).selectFirst("p.citation .basis");
        assertNotNull(en, "the inferred participation shows its basis");
        assertTrue(en.text().contains("inferred") && en.text().contains(NOTE_EN), en.text());
        assertFalse(en.text().contains(NOTE_FR), en.text());

        Element fr = page("/page/" + SIDA_FUNDER + "?lang=fr").selectFirst("p.citation .basis");
        assertNotNull(fr, "French page: the basis");
        assertTrue(fr.text().startsWith("Fondement") && fr.text().contains("inféré") && fr.text().contains(NOTE_FR), fr.text());
        assertEquals("/page/" + SENTENCE + "?lang=fr", fr.parent().selectFirst("sup.cite a").attr("href"), "the mark keeps the language");

        // The IBCR's own signature rests on the sentence alone: a mark, no basis.
        Element signatory = page("/page/" + AGREEMENT).select("table.participants tr").stream()
                .filter(tr -> tr.select("a[href=/page/role/signatory]").size() == 1).findFirst().orElseThrow();
        assertEquals(1, signatory.select("sup.cite").size(), signatory.toString());
        assertTrue(signatory.select(".basis").isEmpty(), "a fact without basis shows none: " + signatory);
    }

    @Test
    void aLinkStatementShowsItsMarksAndBasisOnItsSubjectsPage() throws Exception {
        String milestone = "milestone/capacity-building-engagements";
        Node st = NodeFactory.createURI(ID + milestone + "#continues.africa-security-forces-consultations");
        TreeSet<String> expected = new TreeSet<>();
        for (Triple t : built.data().find(st, PROV.wasDerivedFrom.asNode(), Node.ANY).toList()) {
            expected.add("/page/" + t.getObject().getURI().substring(ID.length()));
        }
        assertFalse(expected.isEmpty(), "the statement cites sentences");
        Element row = page("/page/" + milestone).getElementById("continues.africa-security-forces-consultations");
        assertNotNull(row, "the link statement's row is the target of its IRI's fragment");
        assertEquals(expected, new TreeSet<>(row.select("sup.cite a").eachAttr("href")));
        assertTrue(row.selectFirst(".basis").text().contains("policing reform"), row.text());
    }

    @Test
    void theSentencePageSaysWhereItIsAndWhichFactsRestOnIt() throws Exception {
        Document en = page("/page/" + SENTENCE);
        assertEquals("Sentence 1 of section 2008, characters 2326–2614 of the source page.", en.selectFirst("p.sentence").text());
        assertEquals(1, en.select("ul.sentence-where a[href=https://www.ibcr.org/en/about/history/]").size(), "a link to the source page");
        assertEquals(1, en.select("ul.sentence-where a[href=/page/section/2008]").size(), "a link to its section");
        List<String> citing = en.select("ul.cited-by a").eachAttr("href");
        assertTrue(citing.contains("/page/" + SIDA_FUNDER), "referenced by the Sida funder participation: " + citing);
        assertTrue(citing.contains("/page/" + AGREEMENT), "and by the agreement itself: " + citing);
        int facts = built.data().find(Node.ANY, PROV.wasDerivedFrom.asNode(), NodeFactory.createURI(ID + SENTENCE)).toList().size();
        assertEquals(facts, citing.size(), "every fact citing the sentence, once");

        Document fr = page("/page/" + SENTENCE + "?lang=fr");
        assertEquals("Phrase 1 de la section 2008, caractères 2326 à 2614 de la page source.", fr.selectFirst("p.sentence").text());
        assertTrue(fr.select("ul.cited-by a").eachAttr("href").contains("/page/" + SIDA_FUNDER + "?lang=fr"));
    }

    @Test
    void everySentenceIriDereferencesToItsPageAndData() throws Exception {
        List<Node> sentences = built.data().find(Node.ANY, RDF.type.asNode(), IBCR.Sentence.asNode()).mapWith(Triple::getSubject).toList();
        assertTrue(sentences.size() > 40, "sentences: " + sentences.size());
        for (Node s : sentences) {
            String path = s.getURI().substring(ID.length());
            assertTrue(path.matches("section/[a-z0-9-]+/\\d+"), "the issue's form: " + s);
            assertEquals(SERVED.base() + "/page/" + path, redirect("/id/" + path, "text/html"), s.getURI());
            String data = redirect("/id/" + path, "text/turtle");
            assertEquals(SERVED.base() + "/data/" + path + ".ttl", data, s.getURI());
            HttpResponse<String> doc = send(data, "text/turtle");
            assertEquals(200, doc.statusCode(), data);
            Graph graph = GraphFactory.createDefaultGraph();
            RDFParser.fromString(doc.body(), Lang.TURTLE).base(data).parse(graph);
            Node selector = NodeFactory.createURI(s.getURI() + "#position");
            assertTrue(graph.contains(s, OA.hasSelector.asNode(), selector) && graph.contains(selector, OA.start.asNode(), Node.ANY),
                    data + " holds the sentence and its selector");
            assertEquals(200, send(SERVED.base() + "/page/" + path, "text/html").statusCode(), path);
        }
    }

    private static Document page(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(SERVED.base() + path, "text/html");
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return Jsoup.parse(response.body());
    }

    private static String redirect(String path, String accept) throws IOException, InterruptedException {
        HttpResponse<String> response = send(SERVED.base() + path, accept);
        assertEquals(303, response.statusCode(), path + " (" + accept + "): " + response.body());
        return URI.create(SERVED.base() + path).resolve(response.headers().firstValue("Location").orElseThrow()).toString();
    }

    private static HttpResponse<String> send(String url, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Accept", accept)
                .header("Accept-Language", "en").GET().build();
        return http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
