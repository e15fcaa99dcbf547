package org.ibcr.kg.publish.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Guards HTTP basic authentication, around Jetty's security handler: malformed credentials ({@code Basic !!!}, no
 * colon) get 400 instead of the authenticator's 500; every request with credentials that ends in 401 counts as a
 * failure of its client address, and after {@code maxFailures} failures within {@code window} the address is locked
 * out for {@code lockout}: 429 with Retry-After, without the password being checked. A success clears the count.
 *
 * <pre>{@code
 * jetty.setHandler(new LoginAttemptLimit(10, Duration.ofMinutes(1), Duration.ofMinutes(1), jetty.getHandler()));
 * }</pre>
 */
public final class LoginAttemptLimit extends Handler.Wrapper {
    /** Default failures an address may make within the window before it is locked out. */
    public static final int DEFAULT_MAX_FAILURES = 10;
    static final int MAX_CLIENTS = 10_000;

    private final int maxFailures;
    private final long windowNanos;
    private final long lockoutNanos;
    private final Map<String, Failures> clients = new ConcurrentHashMap<>();

    public LoginAttemptLimit(int maxFailures, Duration window, Duration lockout, Handler handler) {
        super(Objects.requireNonNull(handler, "handler"));
        if (maxFailures < 1) throw new IllegalArgumentException("maxFailures must be at least 1");
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.lockoutNanos = lockout.toNanos();
    }

    private static final class Failures {
        int count;
        long first;
        long lockedUntil;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null) return super.handle(request, response, callback);
        if (!wellFormed(authorization)) {
            return answer(request, response, callback, null, HttpError.badRequest("login.malformed"));
        }
        String client = Request.getRemoteAddr(request);
        long now = System.nanoTime();
        long wait = lockedFor(client, now);
        if (wait > 0) {
            long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
            return answer(request, response, callback, Long.toString(seconds), new HttpError(429, "login.too_many", Long.toString(seconds)));
        }
        return super.handle(request, response, new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                record(client, response.getStatus() == 401);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                record(client, response.getStatus() == 401);
                super.failed(x);
            }
        });
    }

    /** Basic credentials must be base64 of {@code user:password}; other schemes are left to Jetty. */
    static boolean wellFormed(String authorization) {
        String value = authorization.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("basic")) return space > 0;
        try {
            String decoded = new String(Base64.getDecoder().decode(value.substring(space + 1).strip()), StandardCharsets.UTF_8);
            return decoded.indexOf(':') > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private long lockedFor(String client, long now) {
        Failures f = clients.get(client);
        if (f == null) return 0;
        synchronized (f) {
            return f.lockedUntil - now > 0 ? f.lockedUntil - now : 0;
        }
    }

    private void record(String client, boolean failed) {
        long now = System.nanoTime();
        if (!failed) {
            clients.remove(client);
            return;
        }
        if (!clients.containsKey(client) && clients.size() >= MAX_CLIENTS) sweep(now);
        Failures f = clients.computeIfAbsent(client, k -> new Failures());
        synchronized (f) {
            if (f.count == 0 || now - f.first > windowNanos) {
                f.count = 0;
                f.first = now;
            }
            if (++f.count >= maxFailures) {
                f.lockedUntil = now + lockoutNanos;
                f.count = 0;
            }
        }
    }

    /** Forgets the addresses whose window and lock-out are over. */
    private void sweep(long now) {
        for (Iterator<Failures> it = clients.values().iterator(); it.hasNext();) {
            Failures f = it.next();
            synchronized (f) {
                if (now - f.first > windowNanos && now - f.lockedUntil > 0) it.remove();
            }
        }
    }

    private static boolean answer(Request request, Response response, Callback callback, String retryAfter, HttpError error) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        // the request's body is not read: the connection cannot carry another request
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        if (retryAfter != null) response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
        ErrorReply.plain().send(request, response, callback, error);
        return true;
    }
}
