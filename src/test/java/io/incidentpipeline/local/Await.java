package io.incidentpipeline.local;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits: a hop that never happens fails naming the hop and showing the recent hop log, never hangs. */
public final class Await {
    private Await() {
    }

    /**
     * Waits until {@code done} holds, polling every 100 ms.
     *
     * @param hop     what is awaited, for the failure message
     * @param timeout the bound
     * @param context what to show when it times out (the recent hops)
     * @throws AssertionError naming the hop when the bound passes
     */
    public static void until(String hop, Duration timeout, BooleanSupplier done, Supplier<String> context) {
        value(hop, timeout, () -> done.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), context);
    }

    /** @return the first value {@code probe} yields within {@code timeout}; fails naming {@code hop} otherwise */
    public static <T> T value(String hop, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + hop
                        + "; the last hops were:\n" + context.get());
            }
            Moto.sleep(100);
        }
    }
}
