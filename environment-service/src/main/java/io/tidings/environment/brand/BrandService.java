package io.tidings.environment.brand;

import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Reads and writes an environment's brand; every write that changes it appends a revision in its transaction. */
@Service
public class BrandService {

    private final BrandRepository brands;
    private final RevisionLog revisions;
    private final TransactionalOperator tx;
    private final Clock clock;

    public BrandService(BrandRepository brands, RevisionLog revisions, TransactionalOperator tx, Clock clock) {
        this.brands = brands;
        this.revisions = revisions;
        this.tx = tx;
        this.clock = clock;
    }

    /** The saved brand, or the defaults (never saved: no times) when there is none. */
    public Mono<Brand> find(UUID organizationId, UUID env) {
        return brands.find(env).defaultIfEmpty(new Brand(env, BrandContent.keyFor(organizationId), BrandContent.defaults(), null, null));
    }

    /** Applies the request; an update that leaves the content as it was writes nothing. */
    public Mono<Brand> update(RevisionLog.Author author, BrandRequest request) {
        UUID env = author.environmentId();
        UUID key = BrandContent.keyFor(author.organizationId());
        Mono<Brand> update = brands.find(env).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(current -> {
                    var content = BrandContent.patched(current.map(Brand::content).orElseGet(BrandContent::defaults), request);
                    Instant now = clock.instant();
                    Brand updated = new Brand(env, key, content, current.map(Brand::createdAt).orElse(now), now);
                    return revisions.append(author, ContentTypes.BRAND, key, BrandContent.NAME, content, false)
                            .flatMap(revision -> brands.upsert(updated))
                            .then(find(author.organizationId(), env));
                });
        return tx.transactional(update);
    }
}
