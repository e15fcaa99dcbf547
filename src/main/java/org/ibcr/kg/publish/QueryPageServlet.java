package org.ibcr.kg.publish;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The query page at {@code /}: a form to run SPARQL against the endpoint, and every file of
 * {@code queries/} as a ready example. Rendered with Mustache, which escapes every value.
 */
final class QueryPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Mustache template;
    private final List<ExampleQuery> examples;
    private final String uiPath;

    QueryPageServlet(List<ExampleQuery> examples, String uiPath) {
        this.examples = List.copyOf(examples);
        this.uiPath = uiPath;
        try (Reader reader = new InputStreamReader(
                QueryPageServlet.class.getResourceAsStream("/templates/query.mustache"), StandardCharsets.UTF_8)) {
            this.template = new DefaultMustacheFactory().compile(reader, "query");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String endpoint = request.getContextPath() + IbcrServer.DATASET + "/sparql";
        Map<String, Object> model = new HashMap<>();
        model.put("endpoint", endpoint);
        model.put("gsp", request.getContextPath() + IbcrServer.DATASET + "/get");
        model.put("first", examples.isEmpty() ? "SELECT * WHERE { ?s ?p ?o } LIMIT 25" : examples.get(0).text());
        if (uiPath != null) model.put("ui", request.getContextPath() + uiPath);
        List<Map<String, Object>> items = new ArrayList<>();
        for (ExampleQuery q : examples) {
            String encoded = URLEncoder.encode(q.text(), StandardCharsets.UTF_8);
            Map<String, Object> item = new HashMap<>();
            item.put("name", q.name());
            item.put("title", q.title());
            item.put("text", q.text());
            item.put("run", endpoint + "?output=text&query=" + encoded);
            item.put("runCsv", endpoint + "?output=csv&query=" + encoded);
            item.put("runJson", endpoint + "?output=json&query=" + encoded);
            if (uiPath != null) item.put("open", request.getContextPath() + uiPath + "#/dataset/ibcr/query?query=" + encoded);
            items.add(item);
        }
        model.put("examples", items);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        template.execute(response.getWriter(), model).flush();
    }
}
