package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jena.fuseki.main.FusekiServer;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.publish.http.SlowClientLimits;
import org.ibcr.kg.store.TdbStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow senders and slow readers (issue 15, class 1): while 40 clients trickle a POST body one byte every two
 * seconds and 30 ask for a large streamed result and never read it, all from one address, a probe from another
 * address asks {@code /$/ping} every 100 ms and must be answered within 1 s every time. The server has the minimum
 * data rate of {@code serve}, a 5 s idle timeout to keep the test short and a bound of 48 connections per address. Figures go to target/slow-clients.txt.
 */
class SlowClientsTest {
    private static final int SENDERS = 40;
    private static final int READERS = 30;
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final int MAX_CONNECTIONS = 48;
    // long enough for the probe to open more connections than one address may hold at once
    private static final Duration PROBE_FOR = Duration.ofSeconds(20);
    private static final String BIG = "SELECT * { ?a ?b ?c . ?d ?e ?f } LIMIT 500000";

    private static final List<String> statuses = Collections.synchronizedList(new ArrayList<>());
    private static TdbStore store;
    private static FusekiServer server;

    @BeforeAll
    static void start() {
        store = BundledStore.open();
        // a bound of 48 connections per address, under the 70 slow ones, so that it is exercised too
        SlowClientLimits limits = new SlowClientLimits(IDLE, SlowClientLimits.DEFAULT_MIN_RATE, 0, MAX_CONNECTIONS);
        server = IbcrServer.create().port(0).dataset(store.dataset()).queryTimeout(Duration.ofSeconds(10))
                .rateLimit(IbcrServer.DEFAULT_RATE_LIMIT).slowClients(limits).build().start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
        if (store != null) store.close();
    }

    @Test
    void pingIsAnsweredWithinASecondWhileSlowClientsHoldConnections() throws Exception {
        int port = server.getHttpPort();
        List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> senderEnds = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            Thread t = new Thread(() -> trickle(port, sockets, stop, senderEnds, started), "slow-sender-" + i);
            t.setDaemon(true);
            t.start();
            clients.add(t);
        }
        for (int i = 0; i < READERS; i++) {
            Socket s = new Socket();
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            sockets.add(s);
            String body = "query=" + URLEncoder.encode(BIG, StandardCharsets.UTF_8);
            s.getOutputStream().write(("POST " + IbcrServer.DATASET + "/sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/csv\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
        }
        // The probe, from another loopback address, so the bound on connections per address does not touch it.
        long worst = 0;
        int probes = 0;
        List<String> slow = new ArrayList<>();
        while (System.nanoTime() - started < PROBE_FOR.toNanos()) {
            long t0 = System.nanoTime();
            String status = ping(port);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            probes++;
            worst = Math.max(worst, ms);
            if (!status.equals("200") || ms > 1000) slow.add(String.format(Locale.ROOT, "%.1f s: %s after %d ms", (t0 - started) / 1e9, status, ms));
            Thread.sleep(100);
        }
        stop.set(true);
        // Each slow reader's connection was given up by the server: draining it ends (end of stream or reset).
        int readersCut = 0;
        for (Socket s : new ArrayList<>(sockets)) {
            if (s.isClosed()) continue;
            if (drainedToEnd(s)) readersCut++;
        }
        for (Socket s : sockets) s.close();
        for (Thread t : clients) t.join(10_000);
        double lastSender = senderEnds.stream().mapToLong(Long::longValue).max().orElse(0) / 1e9;
        String report = String.format(Locale.ROOT, "Slow clients: %d slow senders (1 byte / 2 s) and %d slow readers from one address,"
                + " idle timeout %d s, minimum rate %d B/s, at most %d connections per address: %d pings over %d s, slowest %d ms; every sender cut off within %.1f s;"
                + " %d of %d sockets ended by the server%n", SENDERS, READERS, IDLE.toSeconds(), SlowClientLimits.DEFAULT_MIN_RATE, MAX_CONNECTIONS, probes,
                PROBE_FOR.toSeconds(), worst, lastSender, readersCut, sockets.size());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "slow-clients.txt"), report);
        System.out.print(report);
        assertEquals(List.of(), slow, "pings not answered with 200 within 1 s");
        assertEquals(List.of(), statuses, "slow senders answered with another status than 408");
        assertEquals(SENDERS, senderEnds.size(), "every slow sender was cut off before the probe ended");
        assertTrue(lastSender < IDLE.toSeconds() + 5, "slow senders cut off after " + lastSender + " s");
    }

    /** Sends a POST whose body comes one byte every two seconds, until the server answers (408) or closes. */
    private static void trickle(int port, List<Socket> sockets, AtomicBoolean stop, List<Long> ends, long started) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            sockets.add(s);
            s.setSoTimeout(100);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("POST " + IbcrServer.DATASET + "/sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                    + "Content-Length: 1000\r\n\r\nS").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long next = System.nanoTime() + 2_000_000_000L;
            while (!stop.get()) {
                try {
                    int first = in.read();
                    if (first >= 0) {
                        String status = new String(in.readNBytes(11), StandardCharsets.US_ASCII).substring(8);
                        if (!status.equals("408")) statuses.add(status);
                    }
                    break; // an answer or the end of the connection
                } catch (SocketTimeoutException e) {
                    // nothing yet
                }
                if (System.nanoTime() >= next) {
                    out.write(' ');
                    out.flush();
                    next += 2_000_000_000L;
                }
            }
        } catch (IOException e) {
            // reset by the server: cut off too
        }
        if (!stop.get()) ends.add(System.nanoTime() - started);
    }

    private static String ping(int port) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(1000);
            s.getOutputStream().write("GET /$/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return head.length() == 12 ? head.substring(9) : "no answer: '" + head + "'";
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    /** Reads what the socket holds: true if it ends (the server closed or reset it), false if data keeps coming for 5 s. */
    private static boolean drainedToEnd(Socket s) {
        try {
            s.setSoTimeout(2000);
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[65536];
            long until = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < until) {
                if (in.read(buffer) < 0) return true;
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
