package io.tidings.platform.promotion;

import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.messaging.PreviousState;
import io.tidings.platform.messaging.PromotionItem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.UUID;

/**
 * What a service gives {@link PromotionParticipant}: its promotable content in one environment.
 * Both methods run inside the participant's transaction.
 */
public interface ContentStore {

    /** The target's latest revision of (type, key), or {@link PreviousState#absent} when it has none. */
    Mono<PreviousState> current(UUID environmentId, String type, UUID key);

    /** {@link #current} of every item, in item order; a store may read them all at once. */
    default Mono<List<PreviousState>> currentAll(UUID environmentId, List<PromotionItem> items) {
        return Flux.fromIterable(items).concatMap(item -> current(environmentId, item.type(), item.key())).collectList();
    }

    /**
     * Puts the items into the target, bypassing the read-only guard, all or nothing; errors when
     * any item is refused (a type the service does not own, invalid content).
     */
    Mono<Void> apply(RevisionLog.Author target, List<PromotionItem> items);

    /** {@link #current} for a service whose content is all in its {@link RevisionLog}. */
    static Mono<PreviousState> latest(RevisionLog revisions, UUID environmentId, String type, UUID key) {
        return revisions.latest(environmentId, type, key)
                .map(revision -> new PreviousState(type, key, revision.revision(), revision.deleted(), revision.content()))
                .defaultIfEmpty(PreviousState.absent(type, key));
    }

    /** The item's content as the object every promotable document is; refuses anything else. */
    static ObjectNode objectContent(PromotionItem item) {
        if (item.content() instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException("the content of " + item.type() + " " + item.key() + " is not a JSON object");
    }
}
