package org.spm4j;

/**
 * Stands in on the hub for a remote exception whose class could not be loaded or whose bytes were not
 * available: same class name and message, and the remote stack frames as its own, so a stack trace
 * printed on the hub reads like the one printed on the spoke.
 */
public final class RemoteTaskException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String remoteClass;

    /**
     * @param remoteClass   class name of the remote exception.
     * @param remoteMessage its message, may be null.
     * @param frames        its stack frames.
     * @param cause         its rebuilt cause, may be null.
     */
    public RemoteTaskException(
        final String remoteClass, final String remoteMessage, final StackTraceElement[] frames, final Throwable cause)
    {
        super(null == remoteMessage ? remoteClass : remoteClass + ": " + remoteMessage, cause);
        this.remoteClass = remoteClass;
        setStackTrace(frames);
    }

    /**
     * @return class name of the remote exception.
     */
    public String remoteClass()
    {
        return remoteClass;
    }

    @Override
    public String toString()
    {
        return getMessage();
    }
}
