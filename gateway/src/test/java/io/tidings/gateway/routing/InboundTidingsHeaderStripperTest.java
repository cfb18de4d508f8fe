package io.tidings.gateway.routing;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class InboundTidingsHeaderStripperTest {

    @Test
    void removesEveryTidingsHeaderWhateverItsCaseAndKeepsTheRest() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/environments/me")
                .header("X-Tidings-Context", "forged")
                .header("x-tidings-environment", "forged")
                .header("X-TIDINGS-ANYTHING", "forged")
                .header("X-Tidings", "not our prefix")
                .header("Authorization", "ApiKey k"));
        AtomicReference<ServerWebExchange> passedOn = new AtomicReference<>();

        new InboundTidingsHeaderStripper().filter(exchange, e -> {
            passedOn.set(e);
            return Mono.empty();
        }).block();

        assertThat(passedOn.get().getRequest().getHeaders().headerNames())
                .containsExactlyInAnyOrder("X-Tidings", "Authorization");
    }
}
