package org.ibcr.kg.publish;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the files of the WebJars on the classpath ({@code META-INF/resources/webjars/...}) at
 * {@code /webjars/...}, such as {@code /webjars/cytoscape/3.33.1/dist/cytoscape.min.js}: the pages need no CDN
 * and work offline. Only plain paths of known static types are served: no {@code ..}, no percent-encoding, no
 * directory listing. The path names the version, so a file never changes: long caching, with an ETag.
 */
final class WebJarServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Where WebJars keep their files inside their jars. */
    static final String ROOT = "META-INF/resources/webjars/";
    /** The route prefix. */
    static final String PREFIX = "/webjars/";
    private static final int MAX_PATH = 256;
    private static final int MAX_SIZE = 16 * 1024 * 1024;
    /** Segments of letters, digits, dot, dash, underscore, plus and at; none is "." or "..". */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@+][A-Za-z0-9._@+-]*");

    /** The types served, by extension; anything else is not found. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    /** Cytoscape.js, which the network page draws with. */
    static final String CYTOSCAPE = path("org.webjars.npm", "cytoscape", "3.33.1", "dist/cytoscape.min.js");

    /**
     * The URL path of a file of a WebJar, with the version of the WebJar on the classpath (from its Maven
     * metadata; {@code fallbackVersion} where that is missing), such as
     * {@code /webjars/cytoscape/3.33.1/dist/cytoscape.min.js}.
     */
    static String path(String groupId, String artifactId, String fallbackVersion, String file) {
        String version = fallbackVersion;
        try (InputStream in = WebJarServlet.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                version = properties.getProperty("version", fallbackVersion);
            }
        } catch (IOException e) {
            version = fallbackVersion;
        }
        return PREFIX + artifactId + "/" + version + "/" + file;
    }

    private record File(byte[] bytes, String type, String etag) {}

    /** Files read so far: only files that exist in a jar get here, so the map is bounded by the classpath. */
    private final transient Map<String, File> cache = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String raw = req.getRequestURI().substring(req.getContextPath().length());
        if (!raw.startsWith(PREFIX) || raw.length() > MAX_PATH) {
            refuse(resp, 404, "Not found.");
            return;
        }
        if (raw.length() == PREFIX.length()) {
            refuse(resp, 404, "No listing: ask for a file, such as " + CYTOSCAPE + ".");
            return;
        }
        Optional<String> name = name(raw.substring(PREFIX.length()));
        if (name.isEmpty()) {
            refuse(resp, 400, "Malformed path.");
            return;
        }
        File file = file(name.get());
        if (file == null) {
            refuse(resp, 404, "No such file in the WebJars of this server.");
            return;
        }
        resp.setHeader("ETag", file.etag());
        resp.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (ConditionalGet.notModified(req, file.etag(), null)) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(file.type());
        resp.setContentLength(file.bytes().length);
        resp.getOutputStream().write(file.bytes());
    }

    /**
     * The path inside the WebJars of the path as the client sent it (still percent-encoded), if it is a plain
     * one: segments of safe characters, none of them {@code .} or {@code ..}, no empty segment, no escape.
     */
    static Optional<String> name(String rawPath) {
        if (rawPath.isEmpty()) return Optional.empty();
        for (String segment : rawPath.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) return Optional.empty();
        }
        return Optional.of(rawPath);
    }

    private File file(String name) throws IOException {
        File cached = cache.get(name);
        if (cached != null) return cached;
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        if (dot <= slash + 1) return null;
        String type = TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) return null;
        ClassLoader loader = WebJarServlet.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            if (in == null) return null;
            byte[] bytes = in.readNBytes(MAX_SIZE + 1);
            if (bytes.length > MAX_SIZE) return null;
            File file = new File(bytes, type, Dumps.etag(bytes));
            cache.put(name, file);
            return file;
        }
    }

    private static void refuse(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        resp.getWriter().println(message);
    }
}
