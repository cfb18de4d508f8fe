package io.tidings.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemExceptionHandlerTest {

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler(1024);
    private final JsonMapper json = JsonMapper.builder().build();

    private JsonNode handle(Throwable error, HttpStatus expected) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/things"));
        handler.handle(exchange, error).block();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(expected);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode body = json.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(body.get("status").asInt()).isEqualTo(expected.value());
        assertThat(body.get("statusCode").asInt()).isEqualTo(expected.value());
        assertThat(body.get("message").asString()).isEqualTo(body.get("detail").asString());
        assertThat(body.get("instance").asString()).isEqualTo("/v1/things");
        return body;
    }

    @Test
    void rendersAnApiExceptionWithItsExtraMembers() {
        JsonNode body = handle(new ApiException(HttpStatus.CONFLICT, "busy", Map.of("promotionId", "p1")), HttpStatus.CONFLICT);
        assertThat(body.get("detail").asString()).isEqualTo("busy");
        assertThat(body.get("promotionId").asString()).isEqualTo("p1");
    }

    record Thing(String name) {
    }

    @Test
    void namesAnUnknownField() {
        Throwable cause = null;
        JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try {
            strict.readValue("{\"name\":\"a\",\"color\":\"red\"}", Thing.class);
        } catch (RuntimeException e) {
            cause = e;
        }
        JsonNode body = handle(new ServerWebInputException("bad", null, new DecodingException("JSON decoding error", cause)),
                HttpStatus.BAD_REQUEST);
        assertThat(body.get("detail").asString()).isEqualTo("unknown field 'color'");
    }

    @Test
    void saysMalformedJsonIsMalformed() {
        Throwable cause = null;
        try {
            json.readTree("{\"name\": ");
        } catch (RuntimeException e) {
            cause = e;
        }
        JsonNode body = handle(new ServerWebInputException("bad", null, new DecodingException("JSON decoding error", cause)),
                HttpStatus.BAD_REQUEST);
        assertThat(body.get("detail").asString()).startsWith("malformed JSON");
    }

    @Test
    void statesTheLimitOfAnOversizedBody() {
        JsonNode body = handle(new DataBufferLimitException("Exceeded limit"), HttpStatus.CONTENT_TOO_LARGE);
        assertThat(body.get("detail").asString()).contains("1024 bytes");
    }

    @Test
    void hidesTheDetailsOfAnUnexpectedError() {
        JsonNode body = handle(new IllegalStateException("secret internals"), HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(body.toString()).doesNotContain("secret internals");
    }
}
