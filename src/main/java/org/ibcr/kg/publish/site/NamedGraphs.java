package org.ibcr.kg.publish.site;

import java.util.List;

/** The three named graphs of the dataset, {@code {base}graph/{name}}: the data, the ontology, the description. */
final class NamedGraphs {
    static final List<String> NAMES = List.of("data", "ontology", "dataset");

    private NamedGraphs() {}
}
