package org.spm4j.internal;

import org.spm4j.Codec;

/**
 * Makes the codec of task values: the user's, named by class, or the default {@link ValueCodec}. The
 * hub and every spoke make their own instance the same way.
 */
final class Codecs
{
    /** How a spoke's command line says "the default codec". */
    static final String DEFAULT = "default";

    private Codecs()
    {
    }

    static Codec create(final String className, final JavaSerialization serialization)
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
