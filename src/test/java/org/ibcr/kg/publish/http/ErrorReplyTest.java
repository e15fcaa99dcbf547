package org.ibcr.kg.publish.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The error path on a real Jetty (its in-memory connector): a servlet refuses with the status and message key in
 * its address ({@code /refuse/404/status.404}), and {@link ErrorReply} answers in the form and the language the client
 * asks for.
 */
class ErrorReplyTest {
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    /** The page a site would render: in the language of the reply, the status and message in it. */
    private static final ErrorReply ERRORS = ErrorReply.create((asked, status, message) -> {
        String lang = asked.language();
        return new ErrorReply.Page("<!DOCTYPE html><html lang=\"" + lang + "\"><h1>" + status + "</h1><p>" + message + "</p></html>", lang);
    });

    private static Server server;
    private static LocalConnector connector;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
                String[] parts = req.getPathInfo().substring(1).split("/", 2);
                resp.getOutputStream().write("partial output that must not reach the client".getBytes(StandardCharsets.UTF_8));
                ERRORS.send(req, resp, new HttpError(Integer.parseInt(parts[0]), parts[1], "/refuse"));
            }
        }), "/refuse/*");
        server.setHandler(context);
        server.setErrorHandler(ERRORS.jettyErrors());
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static HttpTester.Response get(String method, String path, String accept, String acceptLanguage) throws Exception {
        String request = method + " " + path + " HTTP/1.1\r\nHost: test\r\n" + (accept == null ? "" : "Accept: " + accept + "\r\n")
                + (acceptLanguage == null ? "" : "Accept-Language: " + acceptLanguage + "\r\n") + "Connection: close\r\n\r\n";
        return HttpTester.parseResponse(connector.getResponse(request));
    }

    // One case per line: status, message key, Accept, Accept-Language, ?lang=, the media type, language and message of the answer.
    @ParameterizedTest(name = "{0} {1} for Accept: {2}, Accept-Language: {3}, lang={4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", value = {
        "404 | status.404          | " + BROWSER + "     | fr    | -  | text/html        | fr | Il n'y a rien à cette adresse.",
        "404 | status.404          | " + BROWSER + "     | en-GB | -  | text/html        | en | Nothing here.",
        "404 | status.404          | " + BROWSER + "     | en-GB | fr | text/html        | fr | Il n'y a rien à cette adresse.",
        "400 | path.malformed      | text/html           | -     | -  | text/html        | en | Malformed path.",
        "503 | status.503          | application/json    | fr    | -  | application/json | fr | Le serveur est occupé\u00a0: réessayez plus tard.",
        "503 | status.503          | application/json    | de, en;q=0.5 | - | application/json | en | The server is busy: try again later.",
        "406 | status.client       | text/turtle         | fr-CA | -  | text/plain       | fr | La requête a été refusée (/refuse).",
        "406 | status.client       | text/turtle         | fr    | en | text/plain       | en | The request was refused (/refuse).",
        "405 | status.405          | -                   | -     | -  | text/plain       | en | This address does not answer that method.",
        "414 | address.too_long    | */*                 | fr    | -  | text/plain       | fr | L'adresse est trop longue.",
        "500 | status.server       | application/ld+json | -     | -  | text/plain       | en | The server failed to answer this request.",
        "400 | lang.unknown        | application/json    | -     | de | application/json | en | Unknown language: use lang=en or lang=fr.",
    })
    void theClientGetsTheFormAndLanguageItAsksForWithTheStatusKept(int status, String key, String accept, String acceptLanguage, String lang,
            String type, String answerLang, String message) throws Exception {
        HttpTester.Response response = get("GET", "/refuse/" + status + "/" + key + (lang == null ? "" : "?lang=" + lang), accept, acceptLanguage);
        String body = response.getContent();
        assertEquals(status, response.getStatus(), body);
        assertEquals(type, response.get("Content-Type").split(";")[0].strip());
        assertEquals(answerLang, response.get("Content-Language"));
        assertEquals("no-store", response.get("Cache-Control"), "an error is not kept");
        assertTrue(response.get("Vary").contains("Accept") && response.get("Vary").contains("Accept-Language"), response.get("Vary"));
        assertFalse(body.contains("partial output"), "what the route wrote before it failed is dropped: " + body);
        assertFalse(body.contains("HttpError") || body.contains("\tat "), "no stack trace: " + body);
        switch (type) {
            case "text/html" -> {
                assertTrue(body.contains("<html lang=\"" + answerLang + "\">"), body);
                assertTrue(body.contains("<p>" + message + "</p>"), body);
            }
            case "application/json" -> {
                JsonObject json = JSON.parse(body);
                assertEquals(status, json.get("status").getAsNumber().value().intValue());
                assertEquals(message, json.get("message").getAsString().value());
            }
            default -> assertEquals(message + "\n", body);
        }
    }

    @Test
    void theRefusalsInFrontOfTheSiteAnswerInTheLanguageAsked() {
        Reply fr = ErrorReply.plain().reply(new ErrorReply.Asked("text/plain", "fr-CA,fr;q=0.9", null), new HttpError(429, "rate.too_many"));
        assertEquals("Trop de requêtes\u00a0: ralentissez.\n", new String(fr.body().bytes(), StandardCharsets.UTF_8));
        assertEquals("fr", fr.headers().get("Content-Language"));
        Reply en = ErrorReply.plain().reply(new ErrorReply.Asked("text/plain", null, null), new HttpError(429, "rate.too_many"));
        assertEquals("Too many requests: slow down.\n", new String(en.body().bytes(), StandardCharsets.UTF_8));
        assertEquals("en", en.headers().get("Content-Language"));
    }

    @Test
    void headGetsTheHeadersOfGetWithoutTheBody() throws Exception {
        HttpTester.Response get = get("GET", "/refuse/404/status.404", BROWSER, "fr");
        HttpTester.Response head = get("HEAD", "/refuse/404/status.404", BROWSER, "fr");
        assertEquals(404, head.getStatus());
        for (String name : new String[] {"Content-Type", "Content-Language", "Vary", "Cache-Control", "Content-Length"}) {
            assertEquals(get.get(name), head.get(name), name);
        }
        assertEquals(0, head.getContentBytes() == null ? 0 : head.getContentBytes().length);
    }

    @Test
    void whatJettyRefusesBeforeAnyServletGetsOurReplyNotJettysPage() throws Exception {
        // A bad percent-encoding fails on the request line: Jetty has not read the headers, so plain text.
        for (String path : new String[] {"/refuse/%ZZ", "/x%00y", "/a\\b"}) {
            HttpTester.Response response = get("GET", path, BROWSER, "fr");
            String body = response.getContent();
            assertEquals(400, response.getStatus(), path);
            assertEquals("text/plain", response.get("Content-Type").split(";")[0].strip(), path);
            assertEquals(ErrorReply.messageFor(400) + "\n", body, path);
            assertEquals("nosniff", response.get("X-Content-Type-Options"), path);
        }
        // Headers too large: Jetty's 431, with our message.
        String huge = "GET /refuse/404/x HTTP/1.1\r\nHost: test\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n";
        HttpTester.Response tooLarge = HttpTester.parseResponse(connector.getResponse(huge));
        assertEquals(431, tooLarge.getStatus());
        assertFalse(tooLarge.getContent().toLowerCase(Locale.ROOT).contains("<title>"), tooLarge.getContent());
    }

    @Test
    void withoutAPageBrowsersGetText() throws Exception {
        Reply reply = ErrorReply.create(null).reply(new ErrorReply.Asked(BROWSER, "fr", null), HttpError.notFound("status.404"));
        assertEquals("text/plain; charset=utf-8", reply.body().contentType());
        assertEquals("Il n'y a rien à cette adresse.\n", new String(reply.body().bytes(), StandardCharsets.UTF_8));
        assertEquals("fr", reply.headers().get("Content-Language"));
    }
}
