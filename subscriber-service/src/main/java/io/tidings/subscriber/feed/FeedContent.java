package io.tidings.subscriber.feed;

import io.tidings.platform.web.ApiException;
import io.tidings.subscriber.common.Documents;
import io.tidings.subscriber.common.Limits;
import tools.jackson.databind.node.ObjectNode;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validates a feed request into the content a revision holds. */
final class FeedContent {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private FeedContent() {
    }

    static ObjectNode of(FeedRequest request) {
        String name = Limits.requiredText("name", request.name(), Limits.NAME);
        return Documents.JSON.createObjectNode()
                .put("name", name)
                .put("identifier", identifier(request.identifier(), name));
    }

    private static String identifier(String given, String name) {
        if (given != null) {
            String identifier = given.strip();
            if (!SLUG.matcher(identifier).matches()) {
                throw ApiException.badRequest("identifier must be 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit");
            }
            return identifier;
        }
        String slug = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            throw ApiException.badRequest("identifier cannot be derived from the name; give one");
        }
        return slug.length() > 64 ? slug.substring(0, 64) : slug;
    }
}
