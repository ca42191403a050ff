package org.spm4j.internal.farm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a task whose waiters run the hub's work while they wait, through the pool's {@link HubDriver},
 * then wait as any future's do. Thread-safe.
 */
public final class DrivenFuture extends CompletableFuture<Object>
{
    private final HubDriver driver;

    /**
     * @param driver the hub the task's pool runs.
     */
    public DrivenFuture(final HubDriver driver)
    {
        this.driver = driver;
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException
    {
        driver.driveUntil(this, Long.MAX_VALUE);
        return super.get();
    }

    @Override
    public Object get(final long timeout, final TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        final long startNs = System.nanoTime();
        final long timeoutNs = unit.toNanos(timeout);
        driver.driveUntil(this, timeoutNs);
        return super.get(Math.max(0, timeoutNs - (System.nanoTime() - startNs)), TimeUnit.NANOSECONDS);
    }

    @Override
    public Object join()
    {
        driver.driveUntil(this, Long.MAX_VALUE);
        return super.join();
    }
}
