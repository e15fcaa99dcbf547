package org.ibcr.kg.publish;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.Objects;

import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryBuildException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.modify.UpdateEngine;
import org.apache.jena.sparql.modify.UpdateEngineFactory;
import org.apache.jena.sparql.modify.UpdateEngineMain;
import org.apache.jena.sparql.modify.UpdateEngineRegistry;
import org.apache.jena.sparql.modify.UpdateEngineWorker;
import org.apache.jena.sparql.modify.request.UpdateClear;
import org.apache.jena.sparql.modify.request.UpdateDrop;
import org.apache.jena.sparql.modify.request.UpdateLoad;
import org.apache.jena.sparql.modify.request.UpdateVisitor;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.update.UpdateException;

/**
 * Where SPARQL Update's {@code LOAD} may read from. Stock Jena loads any IRI: {@code LOAD <file:///etc/passwd>}
 * reads a server file (and its parse error quotes it back), {@code LOAD <http://10.0.0.1/>} makes the server connect
 * out. Under this policy a {@code file:} source must lie inside one folder ({@code serve --load-from DIR}; none by
 * default), an {@code http(s):} source needs {@code --allow-remote-load}, and every other scheme is refused. A refused
 * LOAD is a 400 that names the source and the rule, before anything is opened; {@code SILENT} does not hide it.
 * Also, a {@code CLEAR} or {@code DROP} of a graph that does not exist is a client error (400), not a server one.
 *
 * <p>Fuseki runs an update with the dataset's own context, not its endpoint's, so the policy goes with the dataset:
 * {@link #applyTo} gives it to every update on that dataset object (the last policy given wins when servers share one).
 *
 * <pre>{@code
 * LoadPolicy.of(Path.of("/srv/imports"), false).applyTo(dataset);
 * }</pre>
 *
 * @param folder the folder {@code file:} sources must lie in, or null for none
 * @param remote whether {@code http:} and {@code https:} sources are allowed
 */
public record LoadPolicy(Path folder, boolean remote) {
    /** Refuses every LOAD. */
    public static final LoadPolicy NONE = new LoadPolicy(null, false);
    private static final Map<DatasetGraph, LoadPolicy> POLICIES = Collections.synchronizedMap(new WeakHashMap<>());

    private static final UpdateEngineFactory FACTORY = new UpdateEngineFactory() {
        @Override
        public boolean accept(DatasetGraph dataset, Context context) {
            return POLICIES.containsKey(dataset);
        }

        @Override
        public UpdateEngine create(DatasetGraph dataset, Binding input, Context context) {
            LoadPolicy policy = POLICIES.getOrDefault(dataset, NONE);
            return new UpdateEngineMain(dataset, input, context) {
                @Override
                protected UpdateVisitor prepareWorker() {
                    return new Worker(dataset, input, context, policy);
                }
            };
        }
    };

    /** A policy; a folder is made absolute and real (links resolved) so a link inside cannot lead out of it. */
    public static LoadPolicy of(Path folder, boolean remote) {
        if (folder == null) return new LoadPolicy(null, remote);
        try {
            return new LoadPolicy(folder.toRealPath(), remote);
        } catch (IOException e) {
            throw new IllegalArgumentException("the load folder " + folder + " does not exist or cannot be read");
        }
    }

    /** Every update on this dataset object (not a copy or wrapper of it) follows this policy from now on. */
    public void applyTo(DatasetGraph dataset) {
        Objects.requireNonNull(dataset, "dataset");
        synchronized (LoadPolicy.class) {
            if (!UpdateEngineRegistry.containsFactory(FACTORY)) UpdateEngineRegistry.addFactory(FACTORY);
        }
        POLICIES.put(dataset, this);
    }

    /**
     * Throws unless the source may be read; opens nothing. The exception is a {@link QueryBuildException}, which Fuseki
     * answers with 400 and its message (an OperationDeniedException would be a 403 without one).
     */
    public void check(String source) {
        Objects.requireNonNull(source, "source");
        URI uri;
        try {
            uri = new URI(source);
        } catch (URISyntaxException e) {
            throw refused(source, "it is not a valid IRI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file" -> {
                if (folder == null) throw refused(source, "this server loads no files (serve --load-from DIR allows a folder)");
                Path file;
                try {
                    file = Path.of(uri).toRealPath();
                } catch (IOException | RuntimeException e) {
                    throw refused(source, "it is not a readable file inside the load folder");
                }
                if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
                    throw refused(source, "it is not a readable file inside the load folder");
                }
            }
            case "http", "https" -> {
                if (!remote) throw refused(source, "this server loads nothing from the network (serve --allow-remote-load allows it)");
            }
            default -> throw refused(source, "only file: and http(s): sources can be allowed");
        }
    }

    private static QueryBuildException refused(String source, String why) {
        return new QueryBuildException("LOAD <" + source + "> refused: " + why);
    }

    private static final class Worker extends UpdateEngineWorker {
        private final LoadPolicy policy;

        Worker(DatasetGraph dataset, Binding input, Context context, LoadPolicy policy) {
            super(dataset, input, context);
            this.policy = policy;
        }

        @Override
        public void visit(UpdateLoad update) {
            policy.check(update.getSource());
            super.visit(update);
        }

        @Override
        public void visit(UpdateClear update) {
            try {
                super.visit(update);
            } catch (UpdateException e) {
                throw clientError(update.getGraph(), e);
            }
        }

        @Override
        public void visit(UpdateDrop update) {
            try {
                super.visit(update);
            } catch (UpdateException e) {
                throw clientError(update.getGraph(), e);
            }
        }

        /** Fuseki answers an UpdateException with 500; a missing graph is the request's fault: 400 (QueryBuildException). */
        private static RuntimeException clientError(Node graph, UpdateException e) {
            return new QueryBuildException(e.getMessage() != null ? e.getMessage() : "No such graph: " + graph);
        }
    }
}
