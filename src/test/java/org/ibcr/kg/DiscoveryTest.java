package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SchemaDO;
import org.apache.jena.vocabulary.VOID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What search engines and catalogues read: the home page's schema.org {@code Dataset} in JSON-LD (read by Jena's
 * JSON-LD parser as a consumer would, every link followed), the licence and {@code void:inDataset} of a data document,
 * and the SPARQL endpoint as a DCAT {@code dcat:DataService} in the dataset description.
 */
class DiscoveryTest {
    @RegisterExtension
    static final ServedBundle SERVED = ServedBundle.create();

    private static final String DATASET = "https://w3id.org/ibcr/dataset";
    private static final String LICENCE = "https://creativecommons.org/licenses/by/4.0/";

    private static HttpClient http;

    @BeforeAll
    static void start() {
        http = BundledStore.client(HttpClient.Redirect.NEVER);
    }

    @Test
    void theHomePageDescribesTheDatasetInSchemaOrg() throws Exception {
        for (String lang : List.of("en", "fr")) {
            HttpResponse<String> home = get("/?lang=" + lang, "text/html");
            assertEquals(200, home.statusCode());
            String policy = home.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("script-src 'self';"), "data blocks need no script permission: " + policy);
            List<Element> blocks = Jsoup.parse(home.body()).select("script[type=application/ld+json]");
            assertEquals(1, blocks.size(), "one JSON-LD block");
            Model m = ModelFactory.createDefaultModel();
            RDFParser.fromString(blocks.get(0).data(), Lang.JSONLD).base(SERVED.base() + "/").parse(m);
            Resource d = m.createResource(DATASET);
            assertTrue(d.hasProperty(RDF.type, SchemaDO.Dataset), "a schema:Dataset");
            assertEquals(Set.of("en", "fr"), langs(d, SchemaDO.name), "its name in both languages");
            assertEquals(Set.of("en", "fr"), langs(d, SchemaDO.description), "its description in both languages");
            assertTrue(d.hasProperty(SchemaDO.license, m.createResource(LICENCE)), "its licence");
            Resource creator = d.getPropertyResourceValue(SchemaDO.creator);
            assertNotNull(creator, "its creator");
            assertTrue(creator.hasProperty(SchemaDO.name), "the creator's name");
            List<Resource> downloads = d.listProperties(SchemaDO.distribution).mapWith(Statement::getResource).toList();
            // Every dump the dumps page lists (not the dated ones of past versions), and no other.
            Set<String> listed = new java.util.TreeSet<>();
            for (Element a : Jsoup.parse(get("/dumps/", "text/html").body()).select("a[href]")) {
                String href = a.absUrl("href").isEmpty() ? a.attr("href") : a.absUrl("href");
                if (href.matches(".*/dumps/ibcr\\.[^/]+")) listed.add(href.substring(href.indexOf("/dumps/")));
            }
            assertFalse(listed.isEmpty(), "the dumps page lists dumps");
            assertEquals(listed, downloads.stream().map(r -> r.getPropertyResourceValue(SchemaDO.contentUrl).getURI())
                    .map(u -> u.substring(u.indexOf("/dumps/"))).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)), "each dump");
            for (Resource download : downloads) {
                assertTrue(download.hasProperty(RDF.type, SchemaDO.DataDownload));
                String url = download.getPropertyResourceValue(SchemaDO.contentUrl).getURI();
                assertTrue(url.startsWith(SERVED.base() + "/dumps/"), url);
                HttpResponse<String> file = get(url.substring(SERVED.base().length()), "*/*");
                assertEquals(200, file.statusCode(), url);
                String type = download.getProperty(SchemaDO.encodingFormat).getString();
                assertTrue(file.headers().firstValue("Content-Type").orElse("").startsWith(type), url + " is " + type);
            }
            // The endpoint, as the service to query it with: its URL template answers a query.
            Resource target = d.getPropertyResourceValue(SchemaDO.potentialAction).getPropertyResourceValue(SchemaDO.target);
            String template = target.getProperty(SchemaDO.urlTemplate).getString();
            assertEquals(SERVED.base() + "/ibcr/sparql?query={query}", template);
            HttpResponse<String> answer = get(template.replace("{query}", URLEncoder.encode("ASK {}", StandardCharsets.UTF_8)).substring(SERVED.base().length()),
                    "application/sparql-results+json");
            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().contains("\"boolean\""), answer.body());
        }
    }

    @Test
    void aDataDocumentStatesItsLicenceAndItsDataset() throws Exception {
        for (String ext : List.of("ttl", "nt", "jsonld")) {
            HttpResponse<String> response = get("/data/city/paris." + ext, "*/*");
            assertEquals(200, response.statusCode());
            Model m = ModelFactory.createDefaultModel();
            Lang lang = ext.equals("ttl") ? Lang.TURTLE : ext.equals("nt") ? Lang.NTRIPLES : Lang.JSONLD;
            RDFParser.fromString(response.body(), lang).base(SERVED.base() + "/data/city/paris." + ext).parse(m);
            Resource doc = m.createResource(SERVED.base() + "/data/city/paris." + ext);
            assertTrue(doc.hasProperty(VOID.inDataset, m.createResource(DATASET)), ext + ": void:inDataset");
            assertTrue(doc.hasProperty(DCTerms.license, m.createResource(LICENCE)), ext + ": its licence");
            assertTrue(doc.hasProperty(m.createProperty("http://xmlns.com/foaf/0.1/primaryTopic"), m.createResource("https://w3id.org/ibcr/id/city/paris")),
                    ext + ": what it is about");
        }
    }

    @Test
    void theDatasetDescriptionNamesTheEndpointAsADcatDataService() throws Exception {
        HttpResponse<String> response = get("/dataset.ttl", "text/turtle");
        assertEquals(200, response.statusCode());
        Model m = ModelFactory.createDefaultModel();
        RDFParser.fromString(response.body(), Lang.TURTLE).parse(m);
        List<Resource> services = m.listSubjectsWithProperty(RDF.type, DCAT.DataService).toList();
        assertEquals(1, services.size(), "one data service");
        Resource service = services.get(0);
        assertEquals(SERVED.base() + "/ibcr/sparql", service.getPropertyResourceValue(DCAT.endpointURL).getURI());
        assertTrue(service.hasProperty(DCAT.servesDataset, m.createResource(DATASET)));
        assertTrue(service.hasProperty(DCTerms.license, m.createResource(LICENCE)));
        assertEquals(Set.of("en", "fr"), langs(service, DCTerms.title));
        assertTrue(m.listSubjectsWithProperty(DCAT.accessService, service).hasNext(), "a distribution is accessed through it");
        // What it points to answers: the service description, and the query page.
        HttpResponse<String> description = get(service.getPropertyResourceValue(DCAT.endpointDescription).getURI().substring(SERVED.base().length()), "text/turtle");
        assertEquals(200, description.statusCode());
        assertTrue(description.body().contains("sparql-service-description"), "a SPARQL service description");
        assertEquals(200, get(service.getPropertyResourceValue(DCAT.landingPage).getURI().substring(SERVED.base().length()), "text/html").statusCode());
    }

    private static Set<String> langs(Resource r, Property p) {
        Set<String> langs = new HashSet<>();
        for (Statement s : r.listProperties(p).toList()) {
            RDFNode o = s.getObject();
            if (o.isLiteral()) langs.add(o.asLiteral().getLanguage());
        }
        return langs;
    }

    private static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(SERVED.base() + path)).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }
}
