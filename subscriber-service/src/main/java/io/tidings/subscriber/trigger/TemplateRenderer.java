package io.tidings.subscriber.trigger;

import tools.jackson.databind.JsonNode;

/**
 * Renders logic-less templates: {@code {{name}}} (HTML-escaped when asked) and {@code {{{name}}}}
 * (never escaped), where a name is a dotted path into the model, such as
 * {@code subscriber.firstName} or {@code payload.order.id}. A missing value renders as nothing.
 * Text that does not parse as a variable is kept as it is (template-service refuses such content).
 */
public final class TemplateRenderer {

    private TemplateRenderer() {
    }

    public static String render(String template, JsonNode model, boolean escape) {
        if (template == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(template.length());
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf("{{", at);
            if (open < 0) {
                break;
            }
            boolean raw = template.startsWith("{{{", open);
            String closer = raw ? "}}}" : "}}";
            int start = open + (raw ? 3 : 2);
            int close = template.indexOf(closer, start);
            if (close < 0) {
                break;
            }
            out.append(template, at, open);
            String value = text(lookup(model, template.substring(start, close).strip()));
            out.append(escape && !raw ? escapeHtml(value) : value);
            at = close + closer.length();
        }
        out.append(template, at, template.length());
        return out.toString();
    }

    static JsonNode lookup(JsonNode model, String path) {
        JsonNode node = model;
        for (String part : path.split("\\.", -1)) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isValueNode()) {
            return value.asString();
        }
        return value.toString();
    }

    public static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                case '`' -> out.append("&#x60;");
                case '=' -> out.append("&#x3D;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
