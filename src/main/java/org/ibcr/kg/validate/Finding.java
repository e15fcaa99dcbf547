package org.ibcr.kg.validate;

import java.util.Optional;

import org.ibcr.kg.model.Origin;

/** One SHACL result, with the data row its focus node came from when known. */
public record Finding(String severity, String focus, String path, String message, Optional<String> value,
                      Optional<Origin> origin) {

    /** One line: where, what, on which node and path. */
    public String describe() {
        return origin.map(o -> o + ": ").orElse("") + severity + ": " + message
                + " [focus " + focus + (path.isEmpty() ? "" : ", path " + path)
                + value.map(v -> ", value " + v).orElse("") + "]";
    }
}
