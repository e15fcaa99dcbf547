package org.ibcr.kg.cli;

import org.ibcr.kg.validate.ValidationResult;

/** The data does not conform to the shapes: the command stops, having changed nothing, and exits 3. */
final class NotConformingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ValidationResult result;

    NotConformingException(ValidationResult result) {
        super("the data does not conform to the shapes");
        this.result = result;
    }

    ValidationResult result() {
        return result;
    }
}
