package org.spm4j.internal.codec;

import org.spm4j.Codec;

/**
 * Makes the codec of task values: the user's, named by class, or the default {@link ValueCodec}. The
 * hub and every spoke make their own instance the same way.
 */
public final class Codecs
{
    /** How a spoke's command line says "the default codec". */
    public static final String DEFAULT = "default";

    private Codecs()
    {
    }

    /**
     * @param className     the user's codec class, or null for the default.
     * @param serialization Java serialization behind the allow-list, for values the default codec does not know.
     * @return the codec.
     */
    public static Codec create(final String className, final JavaSerialization serialization)
    {
        if (null == className || DEFAULT.equals(className))
        {
            return new ValueCodec(serialization);
        }
        try
        {
            return Class.forName(className).asSubclass(Codec.class).getConstructor().newInstance();
        }
        catch (final ReflectiveOperationException | ClassCastException ex)
        {
            throw new IllegalArgumentException("codec " + className + " must be a public " + Codec.class.getName() +
                " with a public no-argument constructor: " + ex, ex);
        }
    }
}
