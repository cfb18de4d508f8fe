package io.tidings.e2e;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Just enough PromQL to know what a query needs from the services: its series selectors
 * ({@code name{label="value", ...}}) and the labels it groups by ({@code by (a, b)}).
 * Functions, aggregations, keywords, numbers and range durations are recognised and skipped.
 */
final class PromQl {

    /** {@code metric{label op "value"}}; op is =, !=, =~ or !~. */
    record Selector(String metric, List<Matcher> matchers) {

        @Override
        public String toString() {
            return metric + matchers;
        }
    }

    record Matcher(String label, String op, String value) {

        boolean accepts(String actual) {
            String v = actual == null ? "" : actual;
            return switch (op) {
                case "=" -> v.equals(value);
                case "!=" -> !v.equals(value);
                case "=~" -> Pattern.compile(value).matcher(v).matches();
                case "!~" -> !Pattern.compile(value).matcher(v).matches();
                default -> throw new IllegalArgumentException("unknown matcher " + op);
            };
        }

        @Override
        public String toString() {
            return label + op + '"' + value + '"';
        }
    }

    record Query(String expression, List<Selector> selectors, Set<String> groupingLabels) {
    }

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private PromQl() {
    }

    /** Grafana's variables replaced first: interval macros by a duration, others by the given values. */
    static String substitute(String expression, Map<String, String> variables) {
        String result = expression.replaceAll("\\$__(rate_interval|interval|range)", "5m");
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            result = result.replace("${" + variable.getKey() + "}", variable.getValue())
                    .replace("$" + variable.getKey(), variable.getValue());
        }
        if (result.contains("$")) {
            throw new IllegalArgumentException("unknown variable in " + expression);
        }
        return result;
    }

    static Query parse(String expression) {
        List<Selector> selectors = new ArrayList<>();
        Set<String> grouping = new LinkedHashSet<>();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipString(expression, i);
            } else if (c == '[') {
                i = expression.indexOf(']', i) + 1; // a range or subquery duration
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expression.charAt(i + 1)))) {
                while (i < n && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '_' || expression.charAt(i) == ':')) {
                    i++;
                }
                String word = expression.substring(start, i);
                int next = skipSpaces(expression, i);
                if (LABEL_LISTS.contains(word) && next < n && expression.charAt(next) == '(') {
                    int close = expression.indexOf(')', next);
                    for (String label : expression.substring(next + 1, close).split(",")) {
                        if (!label.isBlank()) {
                            grouping.add(label.trim());
                        }
                    }
                    i = close + 1;
                } else if (KEYWORDS.contains(word.toLowerCase()) || (next < n && expression.charAt(next) == '(')
                        || Pattern.compile("(by|without)\\s*\\(").matcher(expression).region(next, n).lookingAt()) {
                    // a keyword, a function, or an aggregation (sum by (x) (...)) applied to what follows
                } else if (next < n && expression.charAt(next) == '{') {
                    int close = closingBrace(expression, next);
                    selectors.add(new Selector(word, matchers(expression.substring(next + 1, close))));
                    i = close + 1;
                } else {
                    selectors.add(new Selector(word, List.of()));
                }
            } else {
                i++;
            }
        }
        return new Query(expression, selectors, grouping);
    }

    private static List<Matcher> matchers(String body) {
        List<Matcher> matchers = new ArrayList<>();
        java.util.regex.Matcher m = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?").matcher(body);
        int at = 0;
        while (at < body.length() && m.find(at) && m.start() == at) {
            matchers.add(new Matcher(m.group(1), m.group(2), m.group(3).replace("\\\"", "\"").replace("\\\\", "\\")));
            at = m.end();
        }
        if (!body.substring(at).isBlank()) {
            throw new IllegalArgumentException("cannot read label matchers {" + body + "}");
        }
        return matchers;
    }

    private static int closingBrace(String s, int open) {
        for (int i = open + 1; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                i = skipString(s, i) - 1;
            } else if (s.charAt(i) == '}') {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed { in " + s);
    }

    private static int skipString(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
