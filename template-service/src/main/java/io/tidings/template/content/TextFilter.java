package io.tidings.template.content;

import org.springframework.r2dbc.core.DatabaseClient;

/** The optional {@code query} of a list: a case-insensitive substring of the given columns. */
public record TextFilter(String query, String... columns) {

    public String sql() {
        if (query == null) {
            return "";
        }
        return "AND (" + String.join(" OR ", java.util.Arrays.stream(columns).map(c -> c + " ILIKE :q ESCAPE '\\'").toList()) + ")";
    }

    public DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
        if (query == null) {
            return spec;
        }
        String escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return spec.bind("q", "%" + escaped + "%");
    }
}
