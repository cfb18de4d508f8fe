package io.tidings.gateway.widget;

import io.tidings.platform.messaging.Messages;
import io.tidings.gateway.config.GatewaySettings;
import io.tidings.gateway.credential.CredentialCache;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.ResolvedCredential;
import io.tidings.platform.web.ApiException;
import io.tidings.platform.web.DataEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/widgets/session/initialize}, answered by the gateway itself: resolves the
 * environment from the public application identifier, has environment-service check the
 * subscriber hash, has subscriber-service upsert the subscriber, and hands back a subscriber
 * token with the profile. No credential is needed; the hash is the proof.
 */
public class WidgetSessionHandler {

    /** environment-service: is this hash right for this subscriber of this environment? */
    public static final String VERIFY_PATH = "/internal/widget/verify";
    /** subscriber-service: upsert the subscriber of a widget session and answer its profile. */
    public static final String SESSION_PATH = "/internal/widgets/session";

    static final String UNKNOWN_APPLICATION = "unknown application identifier";
    static final String WRONG_HASH = "subscriber hash is missing or wrong";

    /** The shape environment-service accepts for an identifier; anything else cannot be one. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Logger log = LoggerFactory.getLogger(WidgetSessionHandler.class);

    /** Strict on the way in: unknown fields, trailing content and non-text values for text fields are refused. */
    private static final JsonMapper STRICT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();


    private final CredentialCache credentials;
    private final SubscriberTokens tokens;
    private final ContextCodec codec;
    private final Clock clock;
    private final WebClient http;
    private final String environmentServiceUri;
    private final String subscriberServiceUri;
    private final Duration timeout;

    public WidgetSessionHandler(CredentialCache credentials, SubscriberTokens tokens, ContextCodec codec, Clock clock,
                                WebClient.Builder builder, GatewaySettings settings) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.codec = codec;
        this.clock = clock;
        this.http = builder.build();
        this.environmentServiceUri = withoutTrailingSlash(settings.environmentServiceUri());
        this.subscriberServiceUri = withoutTrailingSlash(settings.subscriberServiceUri());
        this.timeout = settings.widgetSessionTimeout();
    }

    public Mono<ServerResponse> initialize(ServerRequest request) {
        // the body is bounded by the codec's max-in-memory-size (413 above it)
        return request.bodyToMono(String.class)
                .filter(body -> !body.isBlank())
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("request body is required")))
                .map(WidgetSessionHandler::parse)
                .flatMap(this::open)
                .flatMap(session -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(DataEnvelope.of(session)));
    }

    static SessionRequest parse(String body) {
        SessionRequest session;
        try {
            session = STRICT_JSON.readValue(body, SessionRequest.class);
        } catch (JacksonException e) {
            // the platform's problem handler words the Jackson failure ("unknown field 'x'", ...)
            throw new ServerWebInputException("unreadable session request", null, e);
        }
        if (session == null) {
            throw ApiException.badRequest("request body has the wrong shape: expected a JSON object");
        }
        if (session.applicationIdentifier() == null || session.applicationIdentifier().isBlank()) {
            throw ApiException.badRequest("applicationIdentifier is required");
        }
        if (session.subscriberId() == null || session.subscriberId().isBlank()) {
            throw ApiException.badRequest("subscriberId is required");
        }
        if (!SubscriberTokens.validSubscriberId(session.subscriberId())) {
            throw ApiException.badRequest("subscriberId must be at most " + SubscriberTokens.MAX_SUBSCRIBER_ID_LENGTH
                    + " characters, without control characters");
        }
        return session;
    }

    private Mono<Map<String, Object>> open(SessionRequest session) {
        String identifier = session.applicationIdentifier();
        if (!IDENTIFIER.matcher(identifier).matches()) {
            return Mono.error(ApiException.unauthorized(UNKNOWN_APPLICATION));
        }
        // Decide on an Optional, not with switchIfEmpty: an empty lookup and an empty downstream answer differ.
        return credentials.applicationIdentifier(identifier)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    if (found.isEmpty() || found.get().expiredAt(clock.instant())) {
                        return Mono.error(ApiException.unauthorized(UNKNOWN_APPLICATION));
                    }
                    ResolvedCredential environment = found.get();
                    EnvironmentContext subscriber = EnvironmentContext.subscriber(environment.organizationId(),
                            environment.environmentId(), environment.environmentKind(),
                            environment.sourceEnvironmentId(), environment.targetEnvironmentId(), session.subscriberId());
                    return verify(environment, session)
                            .then(upsert(subscriber, session))
                            .map(profile -> {
                                Map<String, Object> answer = new LinkedHashMap<>();
                                answer.put("token", tokens.issue(subscriber));
                                answer.put("profile", profile);
                                return answer;
                            });
                });
    }

    private Mono<Void> verify(ResolvedCredential environment, SessionRequest session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("environmentId", environment.environmentId().toString());
        body.put("subscriberId", session.subscriberId());
        body.put("hmacHash", session.hmacHash());
        return post(environmentServiceUri, VERIFY_PATH, EnvironmentContext.service(), body, "environment service")
                .flatMap(answer -> {
                    JsonNode data = answer.get("data");
                    if (data == null || !data.isObject() || data.get("valid") == null || !data.get("valid").isBoolean()) {
                        return Mono.error(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "environment service unavailable"));
                    }
                    return data.get("valid").asBoolean()
                            ? Mono.<Void>empty()
                            : Mono.error(ApiException.unauthorized(WRONG_HASH));
                });
    }

    private Mono<JsonNode> upsert(EnvironmentContext subscriber, SessionRequest session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subscriberId", session.subscriberId());
        putPresent(body, "email", session.email());
        putPresent(body, "firstName", session.firstName());
        putPresent(body, "lastName", session.lastName());
        putPresent(body, "phone", session.phone());
        putPresent(body, "avatar", session.avatar());
        putPresent(body, "locale", session.locale());
        putPresent(body, "data", session.data());
        return post(subscriberServiceUri, SESSION_PATH, subscriber, body, "subscriber service")
                .flatMap(answer -> {
                    JsonNode profile = answer.get("data");
                    return profile == null || profile.isNull()
                            ? Mono.error(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "subscriber service unavailable"))
                            : Mono.just(profile);
                });
    }

    /**
     * POSTs a JSON body signed for exactly this method and path. A 4xx answer is passed on with its
     * detail; no answer, a timeout, a 5xx or an unreadable answer is a 503 the client may retry.
     */
    private Mono<JsonNode> post(String baseUri, String path, EnvironmentContext context, Map<String, Object> body,
                                String service) {
        URI uri = URI.create(baseUri + path);
        String signed = codec.sign(context, "POST", uri.getRawPath());
        return http.post()
                .uri(uri)
                .header(ContextCodec.HEADER, signed)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(Messages.TOLERANT_JSON.writeValueAsString(body))
                .exchangeToMono(response -> {
                    int status = response.statusCode().value();
                    if (response.statusCode().is4xxClientError()) {
                        return response.bodyToMono(String.class)
                                .defaultIfEmpty("")
                                .flatMap(problem -> Mono.error(refusal(status, problem, service)));
                    }
                    if (!response.statusCode().is2xxSuccessful()) {
                        return response.releaseBody().then(Mono.error(new IllegalStateException(
                                service + " answered " + status)));
                    }
                    return response.bodyToMono(String.class)
                            .switchIfEmpty(Mono.error(() -> new IllegalStateException(service + " answered no body")));
                })
                .map(Messages.TOLERANT_JSON::readTree)
                .timeout(timeout)
                .onErrorMap(error -> !(error instanceof ApiException), error -> {
                    log.warn("widget session call to {} {} failed: {}", service, path, error.toString());
                    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, service + " unavailable");
                });
    }

    /** The service's own words when it gave any (problem+json {@code detail} or {@code message}). */
    static ApiException refusal(int status, String body, String service) {
        String detail = null;
        try {
            JsonNode problem = Messages.TOLERANT_JSON.readTree(body);
            for (String member : new String[]{"detail", "message"}) {
                JsonNode value = problem == null ? null : problem.get(member);
                if (value != null && value.isString() && !value.asString().isBlank()) {
                    detail = value.asString();
                    break;
                }
            }
        } catch (JacksonException e) {
            // not JSON: fall back to a generic sentence below
        }
        HttpStatus known = HttpStatus.resolve(status);
        return new ApiException(known == null ? HttpStatus.BAD_REQUEST : known,
                detail == null ? service + " refused the session (" + status + ")" : detail);
    }

    private static void putPresent(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    private static String withoutTrailingSlash(URI uri) {
        // so that base + "/internal/..." never doubles it
        return uri.toString().replaceAll("/+$", "");
    }
}
