package io.tidings.template.content;

import io.tidings.platform.web.ApiException;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Trigger identifiers and layout identifiers: lowercase slugs, derived from the name when absent. */
public final class Identifiers {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private Identifiers() {
    }

    public static String resolve(String field, String given, String name) {
        if (given != null) {
            String identifier = given.strip();
            if (!SLUG.matcher(identifier).matches()) {
                throw ApiException.badRequest(field + " must be 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit");
            }
            return identifier;
        }
        String slug = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            throw ApiException.badRequest(field + " cannot be derived from the name; give one");
        }
        return slug.length() > 64 ? slug.substring(0, 64) : slug;
    }
}
