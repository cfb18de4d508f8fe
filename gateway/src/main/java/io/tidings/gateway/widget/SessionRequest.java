package io.tidings.gateway.widget;

import tools.jackson.databind.node.ObjectNode;

/**
 * Body of {@code POST /v1/widgets/session/initialize}: which environment (by its public
 * identifier), which subscriber, the proof that the customer's backend vouches for that
 * subscriber, and the profile fields to upsert.
 */
record SessionRequest(String applicationIdentifier, String subscriberId, String hmacHash,
                      String email, String firstName, String lastName, String phone, String avatar, String locale,
                      ObjectNode data) {
}
