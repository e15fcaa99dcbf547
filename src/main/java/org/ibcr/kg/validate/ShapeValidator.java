package org.ibcr.kg.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.ibcr.kg.model.Origin;
import org.ibcr.kg.vocab.OntologyFiles;

/**
 * Validates a graph against the SHACL shapes of {@code ontology/shapes.ttl} with Jena SHACL, and maps
 * every result back to the data row its focus node came from.
 *
 * <pre>{@code
 * ValidationResult result = ShapeValidator.create().validate(graph, origins);
 * if (!result.conforms()) System.err.print(result.describe());
 * }</pre>
 */
public final class ShapeValidator {
    private final Shapes shapes;

    private ShapeValidator(Shapes shapes) {
        this.shapes = shapes;
    }

    /** A validator with the project's shapes. */
    public static ShapeValidator create() {
        return of(OntologyFiles.shapes());
    }

    /** A validator with other shapes. */
    public static ShapeValidator of(Graph shapes) {
        return new ShapeValidator(Shapes.parse(Objects.requireNonNull(shapes, "shapes")));
    }

    /**
     * @param data    the graph to validate
     * @param origins the data row of each subject the converter minted (a node inside a resource's
     *                document, {@code ...#time}, falls back to the resource)
     */
    public ValidationResult validate(Graph data, Map<Node, Origin> origins) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(origins, "origins");
        ValidationReport report = ShaclValidator.get().validate(shapes, data);
        List<Finding> findings = new ArrayList<>();
        for (ReportEntry e : report.getEntries()) {
            findings.add(new Finding(e.severity().level().getLocalName(), format(e.focusNode()),
                    e.resultPath() == null ? "" : e.resultPath().toString(), e.message(),
                    Optional.ofNullable(e.value()).map(ShapeValidator::format), origin(e.focusNode(), origins)));
        }
        findings.sort(Comparator.comparing((Finding f) -> f.origin().map(Origin::file).orElse("~"))
                .thenComparingLong(f -> f.origin().map(Origin::line).orElse(Long.MAX_VALUE))
                .thenComparing(Finding::focus).thenComparing(Finding::path).thenComparing(Finding::message));
        return new ValidationResult(report.conforms(), findings, report);
    }

    private static Optional<Origin> origin(Node focus, Map<Node, Origin> origins) {
        Origin o = origins.get(focus);
        if (o == null && focus.isURI() && focus.getURI().contains("#")) {
            o = origins.get(NodeFactory.createURI(focus.getURI().substring(0, focus.getURI().indexOf('#'))));
        }
        return Optional.ofNullable(o);
    }

    private static String format(Node node) {
        return NodeFmtLib.strNT(node);
    }
}
