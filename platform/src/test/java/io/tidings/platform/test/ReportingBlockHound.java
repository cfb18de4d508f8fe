package io.tidings.platform.test;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Makes every blocking call BlockHound catches visible in the test output. Its error is thrown
 * where the call happened, and some event-loop code swallows it: the request then simply never
 * answers, and the test only sees a timeout. Reports are printed from a daemon thread, because
 * printing is itself blocking and must not happen inside the detection hook.
 */
public class ReportingBlockHound implements BlockHoundIntegration {

    private static final ConcurrentLinkedQueue<Throwable> CAUGHT = new ConcurrentLinkedQueue<>();

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // Jackson builds each type's deserializer once, under a short lock; two threads reading a new
        // type at the same moment wait on it. That is not I/O; reported, it would fail that read at random.
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
        builder.blockingMethodCallback(method -> {
            BlockingOperationError error = new BlockingOperationError(method);
            CAUGHT.add(new IllegalStateException("BlockHound caught a blocking call on thread "
                    + Thread.currentThread().getName(), error));
            throw error;
        });
        Thread printer = new Thread(ReportingBlockHound::printForever, "blockhound-reports");
        printer.setDaemon(true);
        printer.start();
    }

    private static void printForever() {
        while (true) {
            Throwable caught;
            while ((caught = CAUGHT.poll()) != null) {
                caught.printStackTrace();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
