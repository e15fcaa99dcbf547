package org.ibcr.kg.publish.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The body limit for bodies without Content-Length (chunked): {@link HandlerModule#bodyLimit} makes the read fail
 * once the limit is passed, and Fuseki would answer that failure with 500. This filter reads such a body
 * first (at most the limit, so memory stays bounded) and answers 413 when it is larger; the servlet then
 * reads the buffered copy. Form bodies are left to Jetty's form parsing, which has its own limit.
 */
public final class ChunkedBodyLimitFilter implements Filter {
    private final long maxBody;

    public ChunkedBodyLimitFilter(long maxBody) {
        this.maxBody = maxBody;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest req) || req.getContentLengthLong() >= 0 || req.getHeader("Transfer-Encoding") == null
                || (req.getContentType() != null && req.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded"))) {
            chain.doFilter(request, response);
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean over;
        try (InputStream in = req.getInputStream()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0 && body.size() <= maxBody;) body.write(buffer, 0, n);
            over = body.size() > maxBody;
        } catch (IOException | RuntimeException e) {
            if (!tooLarge(e)) throw e;
            over = true;
        }
        if (over) {
            HttpServletResponse resp = (HttpServletResponse) response;
            resp.setStatus(413);
            resp.setHeader("Connection", "close");
            resp.setContentType("text/plain; charset=utf-8");
            resp.getWriter().write("Request body over " + maxBody + " bytes.\n");
            return;
        }
        byte[] bytes = body.toByteArray();
        chain.doFilter(new HttpServletRequestWrapper(req) {
            private final ServletInputStream stream = new Buffered(bytes);

            @Override
            public ServletInputStream getInputStream() {
                return stream;
            }
        }, response);
    }

    /** Whether a failed read is Jetty's size limit (an HTTP 413 failure somewhere in the causes). */
    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException h && h.getCode() == 413) return true;
        }
        return false;
    }

    private static final class Buffered extends ServletInputStream {
        private final ByteArrayInputStream in;

        Buffered(byte[] bytes) {
            this.in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the body is already read");
        }
    }
}
