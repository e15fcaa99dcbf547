package org.ibcr.kg.publish.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The body limit for bodies without Content-Length (chunked) or inflated from gzip: {@link HandlerModule#bodyLimit} makes
 * the read fail once the limit is passed, and Fuseki would answer that failure with 500. This filter reads a body
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
        // Every body, not only chunked ones: a body that trickles in below the minimum data rate fails its read too
        // (408), and so does a gzip body that inflates past the limit (413); Fuseki would answer either with 500.
        if (!(request instanceof HttpServletRequest req) || (req.getContentLengthLong() <= 0 && req.getHeader("Transfer-Encoding") == null)
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
            int status = clientError(e);
            if (status == 0) throw e;
            if (status != 413) {
                HttpServletResponse resp = (HttpServletResponse) response;
                if (!resp.isCommitted()) {
                    resp.setHeader("Connection", "close");
                    ErrorReply.plain().send(req, resp, new HttpError(status, status == 408 ? "body.too_slow" : "body.bad"));
                }
                return;
            }
            over = true;
        }
        if (over) {
            HttpServletResponse resp = (HttpServletResponse) response;
            resp.setHeader("Connection", "close");
            ErrorReply.plain().send(req, resp, new HttpError(413, "body.too_large", Long.toString(maxBody)));
            return;
        }
        byte[] bytes = body.toByteArray();
        chain.doFilter(new BufferedBody.Request(req, bytes), response);
    }

    /** The 4xx status of a failed read that Jetty blames on the client (413 size limit, 408 too slow, 400), else 0. */
    private static int clientError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException h && h.getCode() >= 400 && h.getCode() < 500) return h.getCode();
        }
        return 0;
    }
}
