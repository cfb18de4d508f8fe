package io.tidings.local;

import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.context.PrincipalType;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Prints a signed {@value ContextCodec#HEADER} value, so a service can be called directly (bypassing the gateway),
 * as the benchmark does. The signing key comes from TIDINGS_CONTEXT_SIGNING_KEY, else from the launcher's data dir.
 *
 * <pre>
 * java -cp "deploy/local/target/local-launcher-0.1.0-SNAPSHOT.jar:deploy/local/target/lib/*" io.tidings.local.MintContext \
 *     [--principal API_KEY|ADMIN|SERVICE|SUBSCRIBER] [--subscriber id] \
 *     organizationId environmentId kind method path [sourceEnvironmentId [targetEnvironmentId]]
 * </pre>
 * Use {@code -} for an absent id or kind. The token lives 60 s and is bound to that method and path.
 */
public final class MintContext {

    public static final Duration TTL = Duration.ofSeconds(60);

    private MintContext() {
    }

    public static void main(String[] args) {
        try {
            String key = signingKey();
            System.out.println(mint(args, key, Clock.systemUTC()));
        } catch (IllegalArgumentException e) {
            System.err.println("MintContext: " + e.getMessage());
            System.err.println("usage: MintContext [--principal API_KEY|ADMIN|SERVICE|SUBSCRIBER] [--subscriber id]"
                    + " organizationId environmentId kind method path [sourceEnvironmentId [targetEnvironmentId]]"
                    + "   (use - for none)");
            System.exit(2);
        } catch (IOException e) {
            System.err.println("MintContext: cannot read the signing key: " + e.getMessage());
            System.exit(1);
        }
    }

    static String mint(String[] args, String signingKey, Clock clock) {
        PrincipalType principal = PrincipalType.API_KEY;
        String subscriber = null;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--principal" -> principal = PrincipalType.valueOf(value(args, ++i).toUpperCase(Locale.ROOT));
                case "--subscriber" -> subscriber = value(args, ++i);
                default -> positional.add(args[i]);
            }
        }
        if (positional.size() < 5 || positional.size() > 7) {
            throw new IllegalArgumentException("expected 5 to 7 arguments, got " + positional.size());
        }
        EnvironmentContext context = new EnvironmentContext(
                uuid(positional.get(0)),
                uuid(positional.get(1)),
                none(positional.get(2)) ? null : EnvironmentKind.valueOf(positional.get(2).toUpperCase(Locale.ROOT)),
                positional.size() > 5 ? uuid(positional.get(5)) : null,
                positional.size() > 6 ? uuid(positional.get(6)) : null,
                principal,
                subscriber);
        return new ContextCodec(signingKey, TTL, clock)
                .sign(context, positional.get(3).toUpperCase(Locale.ROOT), positional.get(4));
    }

    private static String signingKey() throws IOException {
        String fromEnv = System.getenv(LocalSecrets.CONTEXT_SIGNING_KEY);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path dataDir = LocalConfig.from(System.getenv(), LocalTidings.repoRoot(cwd), cwd).dataDir();
        String key = LocalSecrets.readSigningKey(dataDir);
        if (key == null) {
            throw new IllegalArgumentException("no signing key: set " + LocalSecrets.CONTEXT_SIGNING_KEY
                    + " or start deploy/local/run.sh once (it keeps the key in " + dataDir.resolve(LocalSecrets.SIGNING_KEY_FILE) + ")");
        }
        return key;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static boolean none(String value) {
        return value == null || value.isEmpty() || value.equals("-");
    }

    private static UUID uuid(String value) {
        return none(value) ? null : UUID.fromString(value);
    }
}
