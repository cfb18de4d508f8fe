package io.tidings.environment.environment;

import io.tidings.platform.context.EnvironmentKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentChainTest {

    private final UUID org = UUID.randomUUID();

    private Environment env(String name, UUID source) {
        return new Environment(UUID.randomUUID(), org, name, name.toLowerCase(), EnvironmentKind.CUSTOM, source, Instant.now());
    }

    @Test
    void acceptsOneSimplePathAndOrdersItFromTheRoot() {
        Environment dev = env("Development", null);
        Environment staging = env("Staging", dev.id());
        Environment prod = env("Production", staging.id());

        EnvironmentChain chain = new EnvironmentChain(List.of(prod, dev, staging));

        assertThat(chain.problem()).isEmpty();
        assertThat(chain.inOrder()).extracting(Environment::name).containsExactly("Development", "Staging", "Production");
        assertThat(chain.targetOf(dev.id())).contains(staging);
        assertThat(chain.targetOf(prod.id())).isEmpty();
    }

    @Test
    void rejectsASecondChildOfTheSameSource() {
        Environment dev = env("Development", null);
        EnvironmentChain chain = new EnvironmentChain(List.of(dev, env("Production", dev.id()), env("Staging", dev.id())));

        assertThat(chain.problem()).hasValueSatisfying(p -> assertThat(p).contains("two environments"));
    }

    @Test
    void rejectsACycle() {
        Environment dev = env("Development", null);
        Environment a = env("A", null);
        Environment b = env("B", a.id());
        Environment cyclicA = new Environment(a.id(), org, "A", "a", EnvironmentKind.CUSTOM, b.id(), Instant.now());

        assertThat(new EnvironmentChain(List.of(dev, cyclicA, b)).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("cycle"));
        assertThat(new EnvironmentChain(List.of(cyclicA, b)).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("cycle"));
    }

    @Test
    void rejectsTwoRootsAndForeignSources() {
        assertThat(new EnvironmentChain(List.of(env("A", null), env("B", null))).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("two roots"));
        assertThat(new EnvironmentChain(List.of(env("A", null), env("B", UUID.randomUUID()))).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("another organization"));
    }
}
