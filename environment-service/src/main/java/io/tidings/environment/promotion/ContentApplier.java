package io.tidings.environment.promotion;

import io.tidings.environment.brand.BrandContent;
import io.tidings.environment.brand.BrandPromotion;
import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.promotion.PinnedRevision;
import io.tidings.platform.web.ApiException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The seam the promotion saga's participant uses (issue 5): puts given revisions into a target
 * environment, bypassing the read-only guard that stops API writes there, in one transaction.
 * environment-service owns one type, the brand; each applied item appends a revision in the
 * target, so its content hash there matches the source's.
 */
@Component
public class ContentApplier {

    private final BrandPromotion brands;
    private final TransactionalOperator tx;

    public ContentApplier(BrandPromotion brands, TransactionalOperator tx) {
        this.brands = brands;
        this.tx = tx;
    }

    public Mono<Void> apply(RevisionLog.Author target, List<PinnedRevision> items) {
        return tx.transactional(Flux.fromIterable(items).concatMap(item -> applyOne(target, item)).then());
    }

    private Mono<Void> applyOne(RevisionLog.Author target, PinnedRevision item) {
        if (!ContentTypes.BRAND.equals(item.type())) {
            return Mono.error(ApiException.badRequest("environment-service does not own content of type " + item.type()));
        }
        if (!item.key().equals(BrandContent.keyFor(target.organizationId()))) {
            return Mono.error(ApiException.badRequest("brand " + item.key() + " is not the brand of organization " + target.organizationId()));
        }
        return item.deleted() ? brands.remove(target) : brands.put(target, item.content());
    }
}
