package io.tidings.template.content;

import io.tidings.platform.web.ApiException;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Logic-less templates: {@code {{name}}} (escaped) and {@code {{{name}}}} (raw), where a name is
 * a dotted path such as {@code subscriber.firstName}. Anything else between braces does not parse.
 */
public final class TemplateSyntax {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*");

    private TemplateSyntax() {
    }

    /** The variables the template uses, in order of first use; 400 naming the place when it does not parse. */
    public static Set<String> variables(String field, String template) {
        Set<String> names = new LinkedHashSet<>();
        if (template == null) {
            return names;
        }
        int at = 0;
        while (true) {
            int open = template.indexOf("{{", at);
            int strayClose = template.indexOf("}}", at);
            if (strayClose >= 0 && (open < 0 || strayClose < open)) {
                throw fail(field, "'}}' without a matching '{{' at position " + strayClose);
            }
            if (open < 0) {
                return names;
            }
            boolean raw = template.startsWith("{{{", open);
            String closer = raw ? "}}}" : "}}";
            int start = open + (raw ? 3 : 2);
            int close = template.indexOf(closer, start);
            if (close < 0) {
                throw fail(field, "'" + (raw ? "{{{" : "{{") + "' at position " + open + " is never closed");
            }
            String name = template.substring(start, close).strip();
            if (!NAME.matcher(name).matches()) {
                throw fail(field, "'" + template.substring(open, close + closer.length()) + "' at position " + open
                        + " is not a variable: use {{name}} or {{{name}}} with letters, digits, '_', '-' and dots");
            }
            names.add(name);
            at = close + closer.length();
        }
    }

    private static ApiException fail(String field, String reason) {
        return ApiException.badRequest(field + " does not parse: " + reason);
    }
}
