package org.ibcr.kg.publish.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The body limit for compressed request bodies, counted after inflation. Fuseki inflates a body sent with
 * {@code Content-Encoding: gzip} or {@code deflate} itself, past any limit on the bytes that arrive: 970 kB of gzip
 * became 1 GB in memory. This filter inflates such a body first, stops as soon as it passes the limit (413), answers
 * a corrupt one with 400, and hands the servlet the inflated bytes without the Content-Encoding header.
 *
 * <pre>{@code
 * builder.addFilter("/*", new InflatedBodyLimit(1 << 20));
 * }</pre>
 */
public final class InflatedBodyLimit implements Filter {
    private final long maxBody;

    public InflatedBodyLimit(long maxBody) {
        if (maxBody < 1) throw new IllegalArgumentException("the body limit must be at least 1 byte");
        this.maxBody = maxBody;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        String encoding = request instanceof HttpServletRequest req ? req.getHeader("Content-Encoding") : null;
        String coding = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
        if (coding.equals("identity") || coding.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("deflate")) {
            answer(req, resp, new HttpError(415, "encoding.unsupported", encoding));
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = coding.equals("deflate") ? new InflaterInputStream(req.getInputStream()) : new GZIPInputStream(req.getInputStream())) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0;) {
                body.write(buffer, 0, n);
                if (body.size() > maxBody) {
                    answer(req, resp, new HttpError(413, "body.inflated_too_large", Long.toString(maxBody)));
                    return;
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            answer(req, resp, HttpError.badRequest("body.corrupt", coding));
            return;
        }
        byte[] bytes = body.toByteArray();
        chain.doFilter(new BufferedBody.Request(req, bytes) {

            @Override
            public String getHeader(String name) {
                if (name.equalsIgnoreCase("Content-Encoding")) return null;
                if (name.equalsIgnoreCase("Content-Length")) return Integer.toString(bytes.length);
                return super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                if (name.equalsIgnoreCase("Content-Encoding")) return Collections.emptyEnumeration();
                if (name.equalsIgnoreCase("Content-Length")) return Collections.enumeration(java.util.List.of(Integer.toString(bytes.length)));
                return super.getHeaders(name);
            }

            @Override
            public int getContentLength() {
                return bytes.length;
            }

            @Override
            public long getContentLengthLong() {
                return bytes.length;
            }
        }, response);
    }

    private static void answer(HttpServletRequest req, HttpServletResponse resp, HttpError error) throws IOException {
        resp.setHeader("Connection", "close");
        ErrorReply.plain().send(req, resp, error);
    }
}
