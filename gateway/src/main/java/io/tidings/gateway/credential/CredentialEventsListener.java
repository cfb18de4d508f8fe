package io.tidings.gateway.credential;

import io.tidings.platform.messaging.Messages;
import io.tidings.platform.messaging.EnvironmentEvent;
import io.tidings.platform.messaging.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Drops cached credentials when keys are revoked or rotated, or an environment changes place
 * in its chain. Every replica has its own consumer group, so every gateway hears every event.
 */
@Component
public class CredentialEventsListener {

    static final String LISTENER_ID = "credentialEvents";

    private static final Logger log = LoggerFactory.getLogger(CredentialEventsListener.class);


    private final CredentialCache cache;

    public CredentialEventsListener(CredentialCache cache) {
        this.cache = cache;
    }

    // idIsGroup = false: the group id must stay the per-replica one from application.yaml
    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = Topics.ENVIRONMENT_EVENTS)
    public void onEvent(String payload) {
        EnvironmentEvent event;
        try {
            event = Messages.TOLERANT_JSON.readValue(payload, EnvironmentEvent.class);
        } catch (JacksonException e) {
            // a message nobody can read would only block the partition if retried
            log.warn("skipping unreadable environment event: {}", e.getOriginalMessage());
            return;
        }
        apply(event);
    }

    void apply(EnvironmentEvent event) {
        if (event == null || !event.affectsCredentials()) {
            return;
        }
        if (event.revokedKeyHashes() != null && !event.revokedKeyHashes().isEmpty()) {
            cache.invalidateAll(event.revokedKeyHashes());
        }
        if (event.environmentId() != null) {
            cache.invalidateEnvironment(event.environmentId());
        }
        log.info("dropped cached credentials after {} of environment {}", event.type(), event.environmentId());
    }
}
