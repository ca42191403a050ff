package org.spm4j.internal.journal;

import org.spm4j.TaskFailure;
import org.spm4j.internal.codec.AllowListFilter;
import org.spm4j.shm.journal.ErrorRecord;

/**
 * Stands in a {@link TaskFailure} for the exception of its journal record until {@link TaskFailure#exception()} is
 * first called: deserializing it costs more than the rest of the failure, and a policy that retries or ignores never
 * needs it. The exception is then made as it always was: deserialized from the record's bytes where the allow-list
 * lets its classes through and they load, else rebuilt from the record's text as a
 * {@link org.spm4j.RemoteTaskException}. Never thrown.
 * <p>
 * Thread-safe: the exception is made once, and every call gets that one.
 */
public final class DeferredException extends Throwable
{
    private static final long serialVersionUID = 1L;

    private final transient ErrorRecord record;
    private final transient AllowListFilter filter;
    private transient volatile Throwable exception;

    /**
     * @param record the record, its exception bytes and text; its argument and closure bytes are not needed.
     * @param filter which classes the exception may be deserialized into.
     */
    DeferredException(final ErrorRecord record, final AllowListFilter filter)
    {
        super(null, null, false, false);
        this.record = record;
        this.filter = filter;
    }

    /**
     * @return the exception of the record, made at the first call.
     */
    public Throwable exception()
    {
        Throwable made = exception;
        if (null == made)
        {
            synchronized (this)
            {
                made = exception;
                if (null == made)
                {
                    made = make(record, filter);
                    exception = made;
                }
            }
        }
        return made;
    }

    static Throwable make(final ErrorRecord record, final AllowListFilter filter)
    {
        final Throwable original = ExceptionBytes.deserialize(record.exceptionBytes(), filter);
        return null != original ? original :
            RemoteStackTraces.rebuild(record.exceptionClass(), record.message(), record.stackTrace());
    }

    @Override
    public String toString()
    {
        return "DeferredException{" + record.exceptionClass() + '}';
    }
}
