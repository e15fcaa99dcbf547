package org.ibcr.kg.publish.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Jetty's own defences against clients that send or read slowly, for a public server: every connection has an idle
 * timeout; a request body must arrive, and a response be read, at least at a minimum rate (Jetty's servlet layer
 * fails the request with 408, or aborts the response, below it); and one client address holds at most so many
 * connections at once (the rest are closed as they open). With Fuseki's default pool of 20 threads, 17 clients
 * trickling a body held every thread; these limits free them within seconds, whatever the clients do.
 *
 * <pre>{@code
 * SlowClientLimits.defaults().apply(fusekiServer.getJettyServer());
 * }</pre>
 *
 * @param idleTimeout how long a connection may send and read nothing
 * @param minRequestRate bytes a second a request body must arrive at (0 = no minimum)
 * @param minResponseRate bytes a second a client must read a response at (0 = no minimum)
 * @param maxConnectionsPerAddress connections one client address may hold open at once (0 = no bound)
 */
public record SlowClientLimits(Duration idleTimeout, long minRequestRate, long minResponseRate, int maxConnectionsPerAddress) {
    /** Default idle timeout: 20 s. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(20);
    /**
     * Default minimum request data rate: 64 bytes a second. Jetty measures it from the body's first byte to each read,
     * so a small body the server reads late counts as slow: 1,024 B/s gave false 408s to 200-byte queries read 0.3 s
     * late on a loaded machine; 64 B/s leaves 3 s for those, and still stops a client that trickles a byte a second.
     */
    public static final long DEFAULT_MIN_RATE = 64;
    /** Default bound on the connections of one client address: 128 (a browser opens 6; the load test, 64 and its checker). */
    public static final int DEFAULT_MAX_CONNECTIONS = 128;
    /** The server's most threads (Fuseki's default is 20): enough for slow clients to wait their timeouts out. */
    public static final int DEFAULT_MAX_THREADS = 200;

    public SlowClientLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("the idle timeout must be positive");
        if (minRequestRate < 0 || minResponseRate < 0) throw new IllegalArgumentException("a minimum data rate must not be negative");
        if (maxConnectionsPerAddress < 0) throw new IllegalArgumentException("the connection bound must be 0 (off) or positive");
    }

    /** The defaults for a public server. */
    public static SlowClientLimits defaults() {
        // no minimum response rate: Jetty counts from the response's start, so a page that takes 2 s to compute would be
        // cut; a client that stops reading is cut by the idle timeout instead (its write blocks, nothing moves)
        return new SlowClientLimits(DEFAULT_IDLE_TIMEOUT, DEFAULT_MIN_RATE, 0, DEFAULT_MAX_CONNECTIONS);
    }

    /** Sets the limits on every connector of a server that is built but not started. */
    public void apply(Server jetty) {
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector sc) sc.setIdleTimeout(idleTimeout.toMillis());
            HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                http.getHttpConfiguration().setIdleTimeout(idleTimeout.toMillis());
                http.getHttpConfiguration().setMinRequestDataRate(minRequestRate);
                http.getHttpConfiguration().setMinResponseDataRate(minResponseRate);
            }
            if (maxConnectionsPerAddress > 0) connector.addEventListener(new PerAddress(maxConnectionsPerAddress));
        }
    }

    /** Counts the open connections of each remote address and closes those over the bound as they open. */
    private static final class PerAddress implements Connection.Listener {
        private final int max;
        private final Map<Object, Integer> open = new ConcurrentHashMap<>();
        private final Map<Connection, Object> owners = new ConcurrentHashMap<>();

        PerAddress(int max) {
            this.max = max;
        }

        @Override
        public void onOpened(Connection connection) {
            Object key = key(connection);
            // the address is kept: a closed channel no longer knows its remote address
            owners.put(connection, key);
            if (open.merge(key, 1, Integer::sum) > max) connection.getEndPoint().close();
        }

        @Override
        public void onClosed(Connection connection) {
            Object key = owners.remove(connection);
            if (key != null) open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
        }

        private static Object key(Connection connection) {
            SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
            return remote instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress() : String.valueOf(remote);
        }
    }
}
