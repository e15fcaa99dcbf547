package org.ibcr.kg.publish.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.MimeTypes;


/**
 * Serves the files of the WebJars on the classpath ({@code META-INF/resources/webjars/...}) at
 * {@code /webjars/...}, such as {@code /webjars/cytoscape/3.33.1/dist/cytoscape.min.js}: the pages need no CDN
 * and work offline. Only plain paths of known static types are served: no {@code ..}, no percent-encoding, no
 * directory listing. The path names the version, so a file never changes: long caching, with an ETag.
 */
public final class WebJars {
    /** Where WebJars keep their files inside their jars. */
    public static final String ROOT = "META-INF/resources/webjars/";
    /** The route prefix. */
    public static final String PREFIX = "/webjars/";
    private static final int MAX_PATH = 256;
    private static final int MAX_SIZE = 16 * 1024 * 1024;
    /** Segments of letters, digits, dot, dash, underscore, plus and at; none is "." or "..". */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@+][A-Za-z0-9._@+-]*");

    /** The extensions served, static files of front-end libraries; anything else is not found. */
    private static final Set<String> SERVED = Set.of("js", "mjs", "css", "map", "json", "svg", "png", "gif", "jpg", "woff", "woff2",
            "ttf", "txt");

    /** The media type of an extension, as Jetty knows it (a source map is JSON); text says its charset. */
    private static String type(String extension) {
        String type = extension.equals("map") ? "application/json" : MimeTypes.DEFAULTS.getMimeForExtension(extension);
        return type.startsWith("text/") || type.equals("application/json") ? type + "; charset=utf-8" : type;
    }

    /** Cytoscape.js, which the network page draws with. */
    public static final String CYTOSCAPE = path("org.webjars.npm", "cytoscape", "3.33.1", "dist/cytoscape.min.js");

    /** Leaflet, which the map pages draw with, and its style sheet (whose images it finds beside it). */
    public static final String LEAFLET = path("org.webjars.npm", "leaflet", "1.9.4", "dist/leaflet.js");
    public static final String LEAFLET_CSS = path("org.webjars.npm", "leaflet", "1.9.4", "dist/leaflet.css");

    /**
     * The URL path of a file of a WebJar, with the version of the WebJar on the classpath (from its Maven
     * metadata; {@code fallbackVersion} where that is missing), such as
     * {@code /webjars/cytoscape/3.33.1/dist/cytoscape.min.js}.
     */
    public static String path(String groupId, String artifactId, String fallbackVersion, String file) {
        String version = fallbackVersion;
        try (InputStream in = WebJars.class.getClassLoader()
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
    private final Map<String, File> cache = new ConcurrentHashMap<>();

    /**
     * The reply for a file below {@link #PREFIX}: its bytes with their type, an ETag and a year of caching.
     *
     * @param pathInfo the path after {@link #PREFIX}, as the servlet container decoded it
     * @param altered  whether the client's path differs from the path info (escapes, dot segments): refused
     * @throws HttpError 400 for a path that is not plain, 404 for no such file
     */
    public Reply reply(String pathInfo, boolean altered) {
        String rest = pathInfo == null || pathInfo.equals("/") ? "" : pathInfo.substring(1);
        if (rest.isEmpty()) throw HttpError.notFound("webjars.listing", CYTOSCAPE);
        if (rest.length() > MAX_PATH) throw HttpError.notFound("not_found");
        Optional<String> name = altered ? Optional.empty() : name(rest);
        if (name.isEmpty()) throw HttpError.badRequest("path.malformed");
        File file;
        try {
            file = file(name.get());
        } catch (IOException e) {
            file = null;
        }
        if (file == null) throw HttpError.notFound("webjars.no_file");
        return Reply.of(new Body(file.bytes(), file.type(), file.etag())).cacheControl("public, max-age=31536000, immutable");
    }

    /**
     * The path inside the WebJars of the path as the client sent it (still percent-encoded), if it is a plain
     * one: segments of safe characters, none of them {@code .} or {@code ..}, no empty segment, no escape.
     */
    public static Optional<String> name(String rawPath) {
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
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!SERVED.contains(extension)) return null;
        String type = type(extension);
        ClassLoader loader = WebJars.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            if (in == null) return null;
            byte[] bytes = in.readNBytes(MAX_SIZE + 1);
            if (bytes.length > MAX_SIZE) return null;
            File file = new File(bytes, type, Body.etag(bytes));
            cache.put(name, file);
            return file;
        }
    }
}
