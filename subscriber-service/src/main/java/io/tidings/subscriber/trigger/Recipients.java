package io.tidings.subscriber.trigger;

import io.tidings.platform.web.ApiException;
import io.tidings.subscriber.common.StrictText;
import io.tidings.subscriber.subscriber.SubscriberProfile;
import io.tidings.subscriber.subscriber.SubscriberRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a trigger's {@code to}: a subscriberId, a subscriber object, or an array of either. */
final class Recipients {

    private static final JsonMapper STRICT = StrictText.refuseScalarsAsText(JsonMapper.builder())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** @param profile the fields to upsert, or null when only the id was given */
    record Recipient(String subscriberId, SubscriberProfile.Valid profile) {
    }

    private Recipients() {
    }

    /** Distinct recipients in order of first mention; a later object for the same id wins. */
    static List<Recipient> parse(String field, JsonNode to, int limit) {
        if (to == null || to.isNull() || to.isMissingNode()) {
            throw ApiException.badRequest(field + " is required: a subscriberId, a subscriber object or an array of them");
        }
        List<JsonNode> items = new ArrayList<>();
        if (to.isArray()) {
            if (to.size() > limit) {
                throw ApiException.badRequest(field + " has " + to.size() + " recipients; the limit is " + limit);
            }
            if (to.isEmpty()) {
                throw ApiException.badRequest(field + " is empty: give at least one recipient");
            }
            to.forEach(items::add);
        } else {
            items.add(to);
        }
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String where = to.isArray() ? field + "[" + i + "]" : field;
            Recipient recipient = one(where, items.get(i));
            Recipient earlier = recipients.get(recipient.subscriberId());
            if (earlier == null || recipient.profile() != null) {
                recipients.put(recipient.subscriberId(), recipient);
            }
        }
        return List.copyOf(recipients.values());
    }

    private static Recipient one(String where, JsonNode item) {
        if (item.isString()) {
            return new Recipient(SubscriberProfile.subscriberId(where, item.asString()), null);
        }
        if (!item.isObject()) {
            throw ApiException.badRequest(where + " must be a subscriberId or a subscriber object");
        }
        SubscriberRequest request;
        try {
            request = STRICT.treeToValue(item, SubscriberRequest.class);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest(where + " has an unknown field '" + e.getPropertyName() + "'");
        } catch (JacksonException e) {
            throw ApiException.badRequest(where + " has a field of the wrong type");
        }
        SubscriberProfile.Valid profile = SubscriberProfile.validate(where + ".", request);
        return new Recipient(profile.subscriberId(), profile);
    }
}
