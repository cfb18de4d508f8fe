package io.tidings.e2e;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Stops the service processes as soon as the last test ends. A JVM shutdown hook alone is not
 * enough: by then the test PostgreSQL and Kafka are going away too, the services' own shutdown
 * waits on them, and the forked test JVM may be halted first, leaving the services running.
 */
public class StopSystemAfterTests implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        TidingsSystem.shutdown();
    }
}
