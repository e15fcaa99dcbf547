package org.ibcr.kg.publish.http;

import java.io.ByteArrayInputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** A request body read in full beforehand, handed to the servlet in its place (blocking reads only). */
public final class BufferedBody extends ServletInputStream {
    private final ByteArrayInputStream in;

    BufferedBody(byte[] bytes) {
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

    /** The request with its body read beforehand: the servlet reads the copy. */
    public static class Request extends HttpServletRequestWrapper {
        private final ServletInputStream stream;

        public Request(HttpServletRequest request, byte[] bytes) {
            super(request);
            this.stream = new BufferedBody(bytes);
        }

        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }
    }
}
