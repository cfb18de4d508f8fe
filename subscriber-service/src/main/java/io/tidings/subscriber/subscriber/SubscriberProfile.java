package io.tidings.subscriber.subscriber;

import io.tidings.platform.web.ApiException;
import io.tidings.subscriber.common.Documents;
import io.tidings.subscriber.common.Limits;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** Validates subscriber fields; each refusal names the field and what it must be. */
public final class SubscriberProfile {

    public static final int SUBSCRIBER_ID = 128;
    public static final int EMAIL = 254;
    public static final int PHONE = 32;
    public static final int AVATAR = 2_048;
    public static final int LOCALE = 35;
    public static final int DATA_BYTES = 16_384;

    private static final Pattern SUBSCRIBER_ID_CHARS = Pattern.compile("[A-Za-z0-9_.@:-]+");
    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE_CHARS = Pattern.compile("\\+?[0-9][0-9 ().-]*");
    private static final Pattern LOCALE_SHAPE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*");

    /** The fields of a valid request, subscriberId stripped; data as an object or null. */
    public record Valid(String subscriberId, String email, String firstName, String lastName, String phone, String avatar,
                        String locale, ObjectNode data) {
    }

    private SubscriberProfile() {
    }

    public static String subscriberId(String field, String value) {
        String id = Limits.requiredText(field, value, SUBSCRIBER_ID);
        if (!SUBSCRIBER_ID_CHARS.matcher(id).matches()) {
            throw ApiException.badRequest(field + " may hold only letters, digits and '_', '.', '@', ':', '-'");
        }
        return id;
    }

    /** @param prefix names fields inside a larger body, e.g. {@code to[2].} */
    public static Valid validate(String prefix, SubscriberRequest request) {
        String id = subscriberId(prefix + "subscriberId", request.subscriberId());
        String email = optional(prefix + "email", request.email(), EMAIL);
        if (email != null && !EMAIL_SHAPE.matcher(email).matches()) {
            throw ApiException.badRequest(prefix + "email is not a valid email address: " + email);
        }
        String phone = optional(prefix + "phone", request.phone(), PHONE);
        if (phone != null && !PHONE_CHARS.matcher(phone).matches()) {
            throw ApiException.badRequest(prefix + "phone may hold only digits, spaces, '(', ')', '.', '-' and a leading '+'");
        }
        String avatar = optional(prefix + "avatar", request.avatar(), AVATAR);
        if (avatar != null && !isWebUrl(avatar)) {
            throw ApiException.badRequest(prefix + "avatar must be an http or https URL");
        }
        String locale = optional(prefix + "locale", request.locale(), LOCALE);
        if (locale != null && !LOCALE_SHAPE.matcher(locale).matches()) {
            throw ApiException.badRequest(prefix + "locale must be a language tag such as 'en' or 'en-US'");
        }
        ObjectNode data = null;
        if (request.data() != null && !request.data().isNull()) {
            if (!(request.data() instanceof ObjectNode object)) {
                throw ApiException.badRequest(prefix + "data must be a JSON object");
            }
            int size = Documents.size(object);
            if (size > DATA_BYTES) {
                throw ApiException.badRequest(prefix + "data is " + size + " bytes as JSON; the limit is " + DATA_BYTES + " bytes");
            }
            data = object;
        }
        return new Valid(id, email,
                optional(prefix + "firstName", request.firstName(), Limits.NAME),
                optional(prefix + "lastName", request.lastName(), Limits.NAME),
                phone, avatar, locale, data);
    }

    private static String optional(String field, String value, int limit) {
        if (value == null) {
            return null;
        }
        return Limits.text(field, value.strip(), limit);
    }

    private static boolean isWebUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
