package io.tidings.platform.test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;

/** Prints what every thread of the test JVM is doing, for a test that waited in vain. */
public final class ThreadDump {

    private ThreadDump() {
    }

    public static void print(String why) {
        StringBuilder dump = new StringBuilder("=== thread dump: ").append(why).append(" ===\n");
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
            if (thread.getLockName() != null) {
                dump.append(" on ").append(thread.getLockName());
            }
            if (thread.getLockOwnerName() != null) {
                dump.append(" held by \"").append(thread.getLockOwnerName()).append('"');
            }
            dump.append('\n');
            Arrays.stream(thread.getStackTrace()).forEach(frame -> dump.append("    at ").append(frame).append('\n'));
        }
        System.err.println(dump);
    }
}
