package org.ibcr.kg;

import java.util.Objects;
import java.util.function.Consumer;

import org.apache.jena.fuseki.main.FusekiServer;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.store.TdbStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The bundled data served for the tests of a class: the graphs converted from {@code data/} in an in-memory TDB2
 * store, our server over it on a free port, started before the class's {@code @BeforeAll} methods and stopped, with the
 * store closed, after its tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServedBundle SERVED = ServedBundle.create();
 *
 * HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(SERVED.base() + "/search?q=tribunal")).build(), ...);
 * }</pre>
 */
public final class ServedBundle implements BeforeAllCallback, AfterAllCallback {
    private final Consumer<TdbStore> beforeServing;
    private BuiltGraph built;
    private TdbStore store;
    private FusekiServer server;

    private ServedBundle(Consumer<TdbStore> beforeServing) {
        this.beforeServing = beforeServing;
    }

    public static ServedBundle create() {
        return new ServedBundle(store -> {});
    }

    /** With {@code beforeServing} run on the store before the server starts (a write that makes a second version). */
    public static ServedBundle create(Consumer<TdbStore> beforeServing) {
        return new ServedBundle(Objects.requireNonNull(beforeServing, "beforeServing"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        built = BundledStore.build();
        store = BundledStore.open(built);
        beforeServing.accept(store);
        server = IbcrServer.create().port(0).dataset(store.dataset()).build().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) server.stop();
        if (store != null) store.close();
    }

    /** {@code http://127.0.0.1:PORT}, no slash at the end. */
    public String base() {
        return "http://127.0.0.1:" + server.getHttpPort();
    }

    /** The graphs the store was filled with, as converted. */
    public BuiltGraph built() {
        return built;
    }

    public TdbStore store() {
        return store;
    }

    public FusekiServer server() {
        return server;
    }
}
