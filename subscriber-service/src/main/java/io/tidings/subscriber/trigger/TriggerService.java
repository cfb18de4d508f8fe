package io.tidings.subscriber.trigger;

import io.tidings.platform.context.Ids;
import io.tidings.platform.web.ApiException;
import io.tidings.subscriber.activity.ActivityRepository;
import io.tidings.subscriber.activity.ExecutionDetail;
import io.tidings.subscriber.activity.Notification;
import io.tidings.subscriber.common.Documents;
import io.tidings.subscriber.common.SubscriberSettings;
import io.tidings.subscriber.message.Message;
import io.tidings.subscriber.message.MessageRepository;
import io.tidings.subscriber.readmodel.ReadModelEntry;
import io.tidings.subscriber.readmodel.ReadModelRepository;
import io.tidings.subscriber.subscriber.Subscriber;
import io.tidings.subscriber.subscriber.SubscriberRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a trigger: finds the workflow in the read model of the same environment, upserts the
 * recipients, renders each active step per subscriber, stores in-app messages and execution
 * details with the notification in one transaction, then delivers webhooks after the commit.
 * A transaction id already used in the environment answers the same acknowledgement and
 * delivers nothing.
 */
@Service
public class TriggerService {

    static final Set<String> PROVIDER_CHANNELS = Set.of("email", "sms", "chat", "push");
    private static final Logger log = LoggerFactory.getLogger(TriggerService.class);
    private static final int TRANSACTION_ID = 128;

    private final ReadModelRepository readModel;
    private final SubscriberRepository subscribers;
    private final MessageRepository messages;
    private final ActivityRepository activity;
    private final IntegrationClient integrations;
    private final WebhookSender webhooks;
    private final TransactionalOperator tx;
    private final SubscriberSettings settings;
    private final Clock clock;

    public TriggerService(ReadModelRepository readModel, SubscriberRepository subscribers, MessageRepository messages,
                          ActivityRepository activity, IntegrationClient integrations, WebhookSender webhooks,
                          TransactionalOperator tx, SubscriberSettings settings, Clock clock) {
        this.readModel = readModel;
        this.subscribers = subscribers;
        this.messages = messages;
        this.activity = activity;
        this.integrations = integrations;
        this.webhooks = webhooks;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
    }

    /** A validated trigger whose workflow was found. */
    record Prepared(String name, List<Recipients.Recipient> recipients, ObjectNode payload, String transactionId,
                    ReadModelEntry workflow) {
    }

    /** One webhook to send after the commit, and where its outcome is recorded. */
    private record WebhookJob(UUID env, UUID notificationId, String subscriberId, String stepId, String channel,
                              String providerId, UUID messageId, String url, ObjectNode body, ObjectNode used) {
    }

    public Mono<Ack> trigger(UUID env, TriggerRequest request) {
        return prepare(env, "", request).flatMap(prepared -> run(env, prepared));
    }

    public Mono<List<Ack>> bulk(UUID env, BulkTriggerRequest request) {
        List<TriggerRequest> events = request.events();
        if (events == null || events.isEmpty()) {
            throw ApiException.badRequest("events is required: give 1 to " + settings.maxBulkEvents() + " events");
        }
        if (events.size() > settings.maxBulkEvents()) {
            throw ApiException.badRequest("events has " + events.size() + " entries; the limit is " + settings.maxBulkEvents());
        }
        List<Mono<Prepared>> checks = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == null) {
                throw ApiException.badRequest("events[" + i + "] is empty");
            }
            checks.add(prepare(env, "events[" + i + "].", events.get(i)));
        }
        // every event is checked before any is delivered: a bad one refuses the whole batch
        return Flux.concat(checks).collectList()
                .flatMapMany(all -> Flux.fromIterable(all).concatMap(prepared -> run(env, prepared)))
                .collectList();
    }

    Mono<Prepared> prepare(UUID env, String prefix, TriggerRequest request) {
        return Mono.defer(() -> {
            if (request.name() == null || request.name().isBlank()) {
                throw ApiException.badRequest(prefix + "name is required: the workflow's trigger identifier");
            }
            String name = request.name().strip();
            ObjectNode payload = payload(prefix, request.payload());
            String transactionId = transactionId(prefix, request.transactionId());
            List<Recipients.Recipient> recipients = Recipients.parse(prefix + "to", request.to(), settings.maxRecipients());
            return readModel.workflow(env, name)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("workflow '" + name
                            + "' not found in this environment; create it here or promote it from the source environment")))
                    .map(workflow -> {
                        if (!workflow.content().path("active").asBoolean(true)) {
                            throw ApiException.conflict("workflow '" + name + "' is inactive; activate it before triggering it");
                        }
                        return new Prepared(name, recipients, payload, transactionId, workflow);
                    });
        });
    }

    private ObjectNode payload(String prefix, JsonNode payload) {
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            return Documents.JSON.createObjectNode();
        }
        if (!(payload instanceof ObjectNode object)) {
            throw ApiException.badRequest(prefix + "payload must be a JSON object");
        }
        int size = Documents.size(object);
        if (size > settings.maxPayloadBytes()) {
            throw ApiException.badRequest(prefix + "payload is " + size + " bytes as JSON; the limit is "
                    + settings.maxPayloadBytes() + " bytes");
        }
        return object;
    }

    private static String transactionId(String prefix, String given) {
        if (given == null) {
            return Ids.uuid().toString();
        }
        String id = given.strip();
        if (id.isEmpty() || id.length() > TRANSACTION_ID) {
            throw ApiException.badRequest(prefix + "transactionId must be 1 to " + TRANSACTION_ID + " characters");
        }
        return id;
    }

    private Mono<Ack> run(UUID env, Prepared prepared) {
        Ack ack = Ack.processed(prepared.transactionId());
        return activity.findByTransaction(env, prepared.transactionId())
                .map(existing -> ack)
                .switchIfEmpty(Mono.defer(() -> deliver(env, prepared).thenReturn(ack)));
    }

    private Mono<Void> deliver(UUID env, Prepared prepared) {
        List<JsonNode> steps = activeSteps(prepared.workflow().content());
        Set<String> channels = steps.stream().map(s -> s.path("type").asString(""))
                .filter(PROVIDER_CHANNELS::contains).collect(Collectors.toCollection(LinkedHashSet::new));
        Mono<Map<String, IntegrationLookup>> lookups = Flux.fromIterable(channels)
                .flatMap(channel -> integrations.active(env, channel).map(lookup -> Map.entry(channel, lookup)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        boolean needsEmail = channels.contains("email");
        Mono<Optional<ObjectNode>> brand = needsEmail
                ? readModel.brand(env).map(entry -> Optional.of(entry.content())).defaultIfEmpty(Optional.empty())
                : Mono.just(Optional.empty());
        Mono<Map<String, String>> layouts = needsEmail ? layouts(env, steps) : Mono.just(Map.of());

        return Mono.zip(lookups, brand, layouts).flatMap(context -> {
            Instant now = clock.instant();
            List<String> ids = prepared.recipients().stream().map(Recipients.Recipient::subscriberId).toList();
            Notification notification = new Notification(env, Ids.uuid(), prepared.transactionId(), prepared.name(),
                    prepared.workflow().key(), ids, prepared.payload(), now);
            List<WebhookJob> jobs = new ArrayList<>();
            Mono<Boolean> work = activity.insertIfAbsent(notification).flatMap(inserted -> {
                if (!inserted) {
                    return Mono.just(false); // the same transaction id won a race: deliver nothing twice
                }
                return Flux.fromIterable(prepared.recipients())
                        .concatMap(r -> r.profile() != null
                                ? subscribers.upsert(env, Ids.uuid(), r.profile(), now).then()
                                : subscribers.ensure(env, Ids.uuid(), r.subscriberId(), now))
                        .thenMany(subscribers.findAll(env, ids.toArray(String[]::new)))
                        .collectMap(Subscriber::subscriberId, Function.identity())
                        .flatMapMany(found -> Flux.fromIterable(ids).map(found::get))
                        .concatMap(subscriber -> Flux.fromIterable(steps).concatMap(step ->
                                step(notification, prepared, subscriber, step, context.getT1(), context.getT2().orElse(null),
                                        context.getT3(), jobs)))
                        .then(Mono.just(true));
            });
            return tx.transactional(work).doOnNext(inserted -> {
                if (inserted && !jobs.isEmpty()) {
                    sendAfterCommit(jobs);
                }
            }).then();
        });
    }

    private static List<JsonNode> activeSteps(JsonNode workflow) {
        List<JsonNode> steps = new ArrayList<>();
        workflow.path("steps").forEach(step -> {
            if (step.path("active").asBoolean(true)) {
                steps.add(step);
            }
        });
        return steps;
    }

    /** The layout body of each email step by step id: its own layout, else the environment's default. */
    private Mono<Map<String, String>> layouts(UUID env, List<JsonNode> steps) {
        Mono<Optional<String>> fallback = readModel.defaultLayout(env)
                .map(entry -> Optional.ofNullable(entry.content().path("content").asString(null)))
                .defaultIfEmpty(Optional.empty()).cache();
        return Flux.fromIterable(steps)
                .filter(step -> "email".equals(step.path("type").asString("")))
                .concatMap(step -> {
                    String stepId = step.path("_id").asString("");
                    String layoutId = step.path("template").path("layoutId").asString(null);
                    Mono<Optional<String>> layout = layoutId == null ? fallback
                            : parse(layoutId).map(key -> readModel.layout(env, key)
                                    .map(entry -> Optional.ofNullable(entry.content().path("content").asString(null)))
                                    .switchIfEmpty(fallback))
                            .orElse(fallback);
                    return layout.filter(Optional::isPresent).map(body -> Map.entry(stepId, body.get()));
                })
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Mono<Void> step(Notification notification, Prepared prepared, Subscriber subscriber, JsonNode step,
                            Map<String, IntegrationLookup> lookups, ObjectNode brand, Map<String, String> layouts,
                            List<WebhookJob> jobs) {
        UUID env = notification.environmentId();
        String type = step.path("type").asString("");
        String stepId = step.path("_id").asString("");
        String subscriberId = subscriber.subscriberId();
        ObjectNode used = Documents.JSON.createObjectNode();
        used.set("payload", prepared.payload());
        if ("digest".equals(type) || "delay".equals(type)) {
            return detail(notification, subscriberId, stepId, type, ExecutionDetail.SKIPPED,
                    type + " steps are not supported yet: the step was skipped and the following steps ran at once", null, null, used);
        }
        if (!"in_app".equals(type) && !PROVIDER_CHANNELS.contains(type)) {
            return detail(notification, subscriberId, stepId, type, ExecutionDetail.SKIPPED,
                    "unknown step type '" + type + "'", null, null, used);
        }
        JsonNode template = step.path("template");
        ObjectNode model = model(prepared.payload(), subscriber, brand);
        boolean email = "email".equals(type);
        String subject = email ? TemplateRenderer.render(template.path("subject").asString(""), model, true) : null;
        // in_app content is shown as HTML by widgets, so payload values are escaped there too; {{{x}}} stays raw
        boolean html = email || "in_app".equals(type);
        String content = TemplateRenderer.render(template.path("content").asString(""), model, html);
        if (email && layouts.containsKey(stepId)) {
            ObjectNode withBody = model.deepCopy();
            withBody.put("body", content);
            content = TemplateRenderer.render(layouts.get(stepId), withBody, true);
        }
        if (subject != null) {
            used.put("subject", subject);
        }
        used.put("content", content);
        UUID feedId = "in_app".equals(type) ? parse(template.path("feedId").asString("")).orElse(null) : null;
        Message message = new Message(env, Ids.uuid(), notification.id(), notification.transactionId(), prepared.name(),
                subscriberId, stepId, type, feedId, subject, content, prepared.payload(), false, false, null, null,
                notification.createdAt());
        if ("in_app".equals(type)) {
            return messages.insert(message).then(detail(notification, subscriberId, stepId, type, ExecutionDetail.SUCCESS,
                    "message stored in the subscriber's in-app feed", null, message.id(), used));
        }
        IntegrationLookup lookup = lookups.getOrDefault(type, IntegrationLookup.none());
        if (lookup.failure() != null) {
            return detail(notification, subscriberId, stepId, type, ExecutionDetail.FAILED, lookup.failure(), null, null, used);
        }
        ActiveIntegration integration = lookup.integration();
        if (integration == null) {
            return detail(notification, subscriberId, stepId, type, ExecutionDetail.SKIPPED,
                    "no active " + type + " integration in this environment: the step was skipped", null, null, used);
        }
        String provider = integration.providerId();
        if (!ActiveIntegration.WEBHOOK.equals(provider)) {
            return detail(notification, subscriberId, stepId, type, ExecutionDetail.SKIPPED, "provider '" + provider
                    + "' has no delivery in subscriber-service yet (only 'webhook' delivers): the step was skipped", provider, null, used);
        }
        String url = integration.credentials() == null ? null : integration.credentials().path("url").asString(null);
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            return detail(notification, subscriberId, stepId, type, ExecutionDetail.FAILED,
                    "the webhook integration has no http(s) url credential", provider, null, used);
        }
        ObjectNode body = Documents.JSON.createObjectNode();
        body.put("messageId", message.id().toString());
        body.put("notificationId", notification.id().toString());
        body.put("transactionId", notification.transactionId());
        body.put("workflow", prepared.name());
        body.putObject("step").put("_id", stepId).put("name", step.path("name").asString(null)).put("type", type);
        body.put("channel", type);
        body.set("subscriber", subscriber.view());
        body.put("subject", subject);
        body.put("content", content);
        body.set("payload", prepared.payload());
        jobs.add(new WebhookJob(env, notification.id(), subscriberId, stepId, type, provider, message.id(), url, body, used));
        return messages.insert(message);
    }

    /** What templates see: the payload's keys, and {@code payload}, {@code subscriber}, {@code brand} (alias {@code branding}). */
    private static ObjectNode model(ObjectNode payload, Subscriber subscriber, ObjectNode brand) {
        ObjectNode model = payload.deepCopy();
        model.set("payload", payload);
        model.set("subscriber", subscriber.view());
        ObjectNode branding = brand == null ? Documents.JSON.createObjectNode() : brand;
        model.set("brand", branding);
        model.set("branding", branding);
        return model;
    }

    private Mono<Void> detail(Notification notification, String subscriberId, String stepId, String channel, String status,
                              String detail, String providerId, UUID messageId, ObjectNode used) {
        return activity.insert(new ExecutionDetail(notification.environmentId(), Ids.uuid(), notification.id(), subscriberId,
                stepId, channel, status, detail, providerId, messageId, used, clock.instant()));
    }

    /** Webhooks go out after the commit, so no HTTP call holds a database transaction open. */
    private void sendAfterCommit(List<WebhookJob> jobs) {
        Flux.fromIterable(jobs)
                .flatMap(job -> webhooks.post(job.url(), job.body()).flatMap(outcome -> activity.insert(new ExecutionDetail(
                        job.env(), Ids.uuid(), job.notificationId(), job.subscriberId(), job.stepId(), job.channel(),
                        outcome.delivered() ? ExecutionDetail.SUCCESS : ExecutionDetail.FAILED, outcome.detail(),
                        job.providerId(), job.messageId(), job.used(), clock.instant()))), 8)
                .subscribe(null, error -> log.error("recording a webhook delivery failed", error));
    }
}
