package org.ibcr.kg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the HTTP measures run: wrk on one CPU and the servers (ours, the peer, Trifid) on the others, with
 * util-linux's {@code taskset}, so that the load generator and the server under load do not take turns on the same
 * core. Possible when this process may use at least two CPUs ({@code Cpus_allowed_list} of /proc/self/status, which
 * follows cgroup cpusets and an outer taskset) and {@code taskset} is on the PATH; otherwise nothing is pinned and
 * {@link #description()} says why.
 *
 * <pre>{@code
 * Pinning pin = Pinning.detect(true);
 * List<String> server = pin.server(List.of("java", "-jar", "ibcr-kg.jar", "serve"));  // taskset -c 0 java ...
 * List<String> client = pin.client(List.of("wrk", "-c8", url));                       // taskset -c 1 wrk ...
 * }</pre>
 */
public final class Pinning {
    private final String serverCpus;
    private final String clientCpu;
    private final String description;

    private Pinning(String serverCpus, String clientCpu, String description) {
        this.serverCpus = serverCpus;
        this.clientCpu = clientCpu;
        this.description = description;
    }

    /** No pinning, with the reason for the report. */
    public static Pinning none(String why) {
        return new Pinning(null, null, "not pinned: " + why);
    }

    /** Pins if {@code wanted} and the machine allows: the last allowed CPU for wrk, the others for the servers. */
    public static Pinning detect(boolean wanted) {
        if (!wanted) return none("turned off (--pin=false)");
        List<Integer> cpus;
        try {
            cpus = allowedCpus();
        } catch (IOException | RuntimeException e) {
            return none("the allowed CPUs could not be read (" + e.getMessage() + ")");
        }
        if (cpus.size() < 2) return none("this process may use " + cpus.size() + " CPU only");
        if (!onPath("taskset")) return none("no taskset (util-linux) on the PATH");
        int client = cpus.get(cpus.size() - 1);
        List<String> servers = cpus.subList(0, cpus.size() - 1).stream().map(String::valueOf).toList();
        String serverList = String.join(",", servers);
        return new Pinning(serverList, Integer.toString(client), "wrk on CPU " + client + ", the servers on CPU " + serverList
                + " (taskset; of the CPUs " + cpus + " this process may use)");
    }

    /** The command, run on the servers' CPUs. */
    public List<String> server(List<String> command) {
        return wrap(serverCpus, command);
    }

    /** The command, run on the load generator's CPU. */
    public List<String> client(List<String> command) {
        return wrap(clientCpu, command);
    }

    /** What was possible, for the report. */
    public String description() {
        return description;
    }

    /** Whether anything is pinned. */
    public boolean pinned() {
        return serverCpus != null;
    }

    private static List<String> wrap(String cpus, List<String> command) {
        if (cpus == null) return command;
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", cpus));
        cmd.addAll(command);
        return cmd;
    }

    /** The CPUs this process may run on, from the kernel's {@code Cpus_allowed_list} (such as {@code 0-1} or {@code 0,2-3}). */
    static List<Integer> allowedCpus() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Cpus_allowed_list:")) return parseList(line.substring(line.indexOf(':') + 1).strip());
        }
        throw new IOException("no Cpus_allowed_list in /proc/self/status");
    }

    static List<Integer> parseList(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.split(",")) {
            if (part.isBlank()) continue;
            String[] range = part.strip().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int c = from; c <= to; c++) cpus.add(c);
        }
        return cpus;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
