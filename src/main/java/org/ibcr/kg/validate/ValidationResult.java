package org.ibcr.kg.validate;

import java.util.List;

import org.apache.jena.shacl.ValidationReport;

/** The outcome of validating a graph: whether it conforms, its findings in a stable order, and Jena's report. */
public record ValidationResult(boolean conforms, List<Finding> findings, ValidationReport report) {
    public ValidationResult {
        findings = List.copyOf(findings);
    }

    /** A readable report, one finding per line. */
    public String describe() {
        if (conforms) return "The data conforms to the shapes.";
        StringBuilder sb = new StringBuilder("The data does not conform to the shapes (")
                .append(findings.size()).append(findings.size() == 1 ? " problem):\n" : " problems):\n");
        for (Finding f : findings) sb.append("  ").append(f.describe()).append('\n');
        return sb.toString();
    }
}
