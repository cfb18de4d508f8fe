package io.tidings.gateway.widget;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class WidgetPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/v1/widgets", "/v1/widgets/notifications/feed", "/v1/widgets/messages/markAs",
            "/v1/widgets/session/initialize"})
    void widgetPaths(String path) {
        assertThat(WidgetPaths.isWidgetPath(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/subscribers", "/v1/widgetsx", "/v1/widgets-admin/x", "/v2/widgets/feed",
            "/v1/widgets/../subscribers", "/v1/widgets/./feed", "/v1/widgets/%2e%2e/subscribers",
            "/v1/widgets%2F..%2Fsubscribers", "/v1/widgets/..%2fsubscribers", "/v1/widgets/..\\subscribers", ""})
    void otherPaths(String path) {
        assertThat(WidgetPaths.isWidgetPath(path)).isFalse();
    }
}
