package org.spm4j.internal.farm;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs a farm's core on the hub thread: the calling thread itself for a serial pool, the hub agent
 * thread for a local pool.
 */
public interface HubDriver
{
    /**
     * @param tasks tasks to queue on the hub thread, in order, in one hand-over.
     */
    void submit(List<FarmTask> tasks);

    /**
     * Run {@code action} on the hub thread against the core and wait for its answer.
     *
     * @param action what to run.
     * @param <T>    its answer.
     * @return the answer.
     */
    <T> T call(Function<FarmCore, T> action);

    /**
     * Wait until no task is pending or running.
     */
    void awaitQuiescence();

    /**
     * The run is over; the driver lets go of the core.
     */
    void detach();

    /**
     * @return true if the calling thread may wait for tasks to finish: not the hub thread, where tasks finish,
     * nor a serial pool's caller, whose tasks finish as they are submitted.
     */
    boolean callerMayWait();

    /**
     * @return a future for a task, whose waiters run the hub's work while they wait where the driver lets them.
     */
    default CompletableFuture<Object> newFuture()
    {
        return new CompletableFuture<>();
    }

    /**
     * Run the hub's work on this thread, where the driver lets it, until the future is done, or for at most
     * {@code timeoutNs}; then the caller waits for the future as it would anyway.
     *
     * @param future    what the caller waits for.
     * @param timeoutNs the longest the caller waits.
     */
    default void driveUntil(CompletableFuture<?> future, long timeoutNs)
    {
    }
}
