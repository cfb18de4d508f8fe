package io.tidings.platform.web;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the Reactor Netty version the services run on. Up to 1.3.7, a request that arrived on a
 * keep-alive connection while the previous response was still finishing was buffered, answered,
 * and then the server stopped reading that connection: the request after it never got an answer.
 * The gateway reuses connections to every service, so this hung callers (and failed CI once).
 */
class KeepAliveConnectionsTest {

    static final byte[] BODY = "{\"statusCode\":401}".getBytes(StandardCharsets.UTF_8);

    DisposableServer server;
    ConnectionProvider oneConnection;

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
        if (oneConnection != null) {
            oneConnection.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void answersEveryRequestOnAReusedConnectionWhileThePreviousResponseIsStillFinishing() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    if (request.uri().startsWith("/finishing-late")) {
                        // the whole body goes out now; the response ends a moment later, as when a
                        // handler completes on a database thread after writing
                        return response.status(401).header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(BODY.length))
                                .send(Flux.just(Unpooled.wrappedBuffer(BODY))).then()
                                .then(Mono.delay(Duration.ofMillis(5)).then());
                    }
                    return response.sendString(Mono.just("ok")).then();
                })
                .bindNow();
        oneConnection = ConnectionProvider.builder("keep-alive-test").maxConnections(1).build();
        HttpClient client = HttpClient.create(oneConnection).baseUrl("http://127.0.0.1:" + server.port());

        for (int round = 0; round < 30; round++) {
            for (String path : new String[] {"/finishing-late", "/at-once"}) {
                // a request the server stopped reading times out here
                String body = client.get().uri(path)
                        .responseSingle((status, content) -> content.asString())
                        .block(Duration.ofSeconds(3));
                assertThat(body).as("answer to %s in round %d", path, round).isNotNull();
            }
        }
    }
}
