package org.spm4j.internal.task;

import java.util.List;
import java.util.concurrent.Callable;

import org.spm4j.TaskClosure;
import org.spm4j.internal.closure.ClosureEncoding;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.internal.codec.JavaSerialization;
import org.spm4j.internal.codec.JournalArguments;
import org.spm4j.internal.codec.ValueCodec;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * Runs the failed task of an error journal record again, in this thread: the same closure bytes and
 * argument bytes the spoke had, decoded the same way, so the failure can be reproduced under a
 * debugger. An argument too large for its record cannot be replayed, and says so. Tasks that messaged the hub or
 * peers cannot reach them here: their {@code ask} or {@code send} throws.
 */
public final class Replay
{
    private Replay()
    {
    }

    /**
     * @param record         a record of a failed task, with its closure and argument bytes.
     * @param allowedClasses deserialization allow-list patterns beyond the JDK's, spm4j's and the
     *                       closure's package.
     * @return what the task returns this time.
     * @throws Exception                whatever the task throws, as on the spoke.
     * @throws IllegalArgumentException if the record lacks the bytes to replay, or they cannot be read.
     */
    public static Object run(final ErrorRecord record, final List<String> allowedClasses) throws Exception
    {
        return prepare(record, allowedClasses).call();
    }

    /**
     * Load the task's closure, so that a record that cannot be replayed here is told apart from a task that fails
     * again.
     *
     * @param record         a record of a failed task, with its closure and argument bytes.
     * @param allowedClasses deserialization allow-list patterns beyond the JDK's, spm4j's and the
     *                       closure's package.
     * @return the task, ready to run: its argument is decoded when it runs, as on the spoke.
     * @throws IllegalArgumentException saying it cannot be replayed, if the record keeps no closure or the closure
     *                                  cannot be loaded here.
     */
    @SuppressWarnings("unchecked")
    public static Callable<Object> prepare(final ErrorRecord record, final List<String> allowedClasses)
    {
        final byte[] closureBytes = record.closureBytes();
        if (0 == closureBytes.length)
        {
            throw new IllegalArgumentException("the record of task " + record.taskId() + " keeps no closure bytes " +
                "(a record cut to fit the journal, or one of a failure outside any closure); it cannot be replayed");
        }
        final JavaSerialization serialization = new JavaSerialization(new AllowListFilter(allowedClasses));
        final TaskClosure<Object, Object> closure;
        try
        {
            closure = (TaskClosure<Object, Object>)ClosureEncoding.decode(closureBytes, serialization);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("the closure '" + record.closureName() + "' of task " +
                record.taskId() + " cannot be loaded here, so it cannot be replayed: " + ex.getMessage(), ex);
        }
        return () -> closure.apply(
            JournalArguments.decode(record.argumentBytes(), new ValueCodec(serialization), record.taskId()));
    }
}
