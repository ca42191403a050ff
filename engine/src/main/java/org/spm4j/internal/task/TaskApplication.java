package org.spm4j.internal.task;

import org.spm4j.TaskClosure;

/**
 * A task's closure and decoded argument, made ready by {@link TaskEvaluator#prepare} on the spoke's thread, applied
 * by {@link #run()} on another, and ended by {@link TaskEvaluator#complete} back on the spoke's thread. Its outcome is
 * published by whatever hands it from the applying thread to the spoke's (a concurrent queue).
 */
public final class TaskApplication implements Runnable
{
    final long taskId;
    final long runId;
    final int closureId;
    final int attempt;
    final String closureName;
    private final TaskClosure<Object, Object> closure;
    private final Object argument;
    private Object value;
    private Throwable failure;

    TaskApplication(
        final long taskId,
        final long runId,
        final int closureId,
        final int attempt,
        final String closureName,
        final TaskClosure<Object, Object> closure,
        final Object argument)
    {
        this.taskId = taskId;
        this.runId = runId;
        this.closureId = closureId;
        this.attempt = attempt;
        this.closureName = closureName;
        this.closure = closure;
        this.argument = argument;
    }

    /**
     * Apply the closure; whatever it throws, errors of the JVM included, is kept for the spoke's thread to handle
     * as it would have handled it had the task run there.
     */
    @Override
    public void run()
    {
        try
        {
            value = closure.apply(argument);
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
        finally
        {
            // an interrupt the task left must not reach the next task run on this thread
            Thread.interrupted();
        }
    }

    /**
     * @return the task's id.
     */
    public long taskId()
    {
        return taskId;
    }

    /**
     * @return the attempt.
     */
    public int attempt()
    {
        return attempt;
    }

    Object value()
    {
        return value;
    }

    Throwable failure()
    {
        return failure;
    }
}
