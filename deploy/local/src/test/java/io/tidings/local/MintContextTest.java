package io.tidings.local;

import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.context.PrincipalType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MintContextTest {

    @Test
    void mintsAContextTheServicesAccept() {
        String key = LocalSecrets.randomSecret();
        UUID org = UUID.randomUUID();
        UUID env = UUID.randomUUID();
        String token = MintContext.mint(new String[]{org.toString(), env.toString(), "development", "get", "/v1/x"},
                key, Clock.systemUTC());

        EnvironmentContext context = new ContextCodec(key, Duration.ofSeconds(30), Clock.systemUTC())
                .verify(token, "GET", "/v1/x");
        assertThat(context.organizationId()).isEqualTo(org);
        assertThat(context.environmentId()).isEqualTo(env);
        assertThat(context.environmentKind()).isEqualTo(EnvironmentKind.DEVELOPMENT);
        assertThat(context.principal()).isEqualTo(PrincipalType.API_KEY);
    }

    @Test
    void mintsAnAdminContextWithoutEnvironment() {
        String key = LocalSecrets.randomSecret();
        String token = MintContext.mint(new String[]{"--principal", "admin", "-", "-", "-", "POST", "/v1/organizations"},
                key, Clock.systemUTC());
        EnvironmentContext context = new ContextCodec(key, Duration.ofSeconds(30), Clock.systemUTC())
                .verify(token, "POST", "/v1/organizations");
        assertThat(context).isEqualTo(EnvironmentContext.admin());
    }
}
