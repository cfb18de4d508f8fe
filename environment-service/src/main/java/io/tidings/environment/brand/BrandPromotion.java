package io.tidings.environment.brand;

import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes a brand that arrives by promotion: no read-only guard, the content validated as a request's
 * would be. Call it inside the applier's transaction.
 */
@Component
public class BrandPromotion {

    private final BrandRepository brands;
    private final RevisionLog revisions;
    private final Clock clock;

    public BrandPromotion(BrandRepository brands, RevisionLog revisions, Clock clock) {
        this.brands = brands;
        this.revisions = revisions;
        this.clock = clock;
    }

    public Mono<Void> put(RevisionLog.Author target, ObjectNode content) {
        UUID env = target.environmentId();
        UUID key = BrandContent.keyFor(target.organizationId());
        ObjectNode checked = BrandContent.validated(content);
        Instant now = clock.instant();
        return brands.find(env).map(Brand::createdAt).defaultIfEmpty(now)
                .flatMap(createdAt -> brands.upsert(new Brand(env, key, checked, createdAt, now)))
                .then(revisions.append(target, ContentTypes.BRAND, key, BrandContent.NAME, checked, false))
                .then();
    }

    /** The target goes back to the defaults; the revision records the delete. */
    public Mono<Void> remove(RevisionLog.Author target) {
        UUID env = target.environmentId();
        UUID key = BrandContent.keyFor(target.organizationId());
        return brands.find(env)
                .flatMap(current -> brands.delete(env)
                        .then(revisions.append(target, ContentTypes.BRAND, key, BrandContent.NAME, current.content(), true)))
                .then();
    }
}
