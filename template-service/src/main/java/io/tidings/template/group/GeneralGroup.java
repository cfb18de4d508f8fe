package io.tidings.template.group;

import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

/**
 * Every environment starts with a "General" group. Its key is derived from the organization, so
 * Development's and Production's General are the same content under the same key: no pending
 * change, and workflows that use it promote without dragging a second General along.
 */
@Component
public class GeneralGroup {

    public static final String NAME = "General";

    private final GroupRepository groups;
    private final RevisionLog revisions;
    private final Clock clock;

    public GeneralGroup(GroupRepository groups, RevisionLog revisions, Clock clock) {
        this.groups = groups;
        this.revisions = revisions;
        this.clock = clock;
    }

    public static UUID keyFor(UUID organizationId) {
        return UUID.nameUUIDFromBytes(("tidings:general-group:" + organizationId).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates General in this environment unless it exists; call inside the request's transaction. */
    public Mono<Void> ensure(RevisionLog.Author author) {
        UUID key = keyFor(author.organizationId());
        NotificationGroup general = new NotificationGroup(author.environmentId(), key, NAME, clock.instant(), clock.instant());
        return groups.insertIfAbsent(general)
                .flatMap(inserted -> inserted
                        ? revisions.append(author, ContentTypes.NOTIFICATION_GROUP, key, NAME, GroupContent.of(NAME), false).then()
                        : Mono.empty());
    }
}
