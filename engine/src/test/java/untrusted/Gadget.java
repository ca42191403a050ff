package untrusted;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

import org.spm4j.TaskClosure;

/**
 * A serializable class in a package no pool allows by default. Every piece of its code that loading or
 * deserializing it could run records a {@link Traces trace}: its static initializer, its superclass's
 * constructor, readObject and readResolve.
 */
public class Gadget extends GadgetBase implements Serializable
{
    private static final long serialVersionUID = 1L;

    static
    {
        Traces.record("static-initializer");
    }

    private final int value;

    /**
     * @param value what it carries.
     */
    public Gadget(final int value)
    {
        this.value = value;
    }

    /**
     * @return a closure defined in this package, so a pool that runs it allows the package.
     */
    public static TaskClosure<Integer, Gadget> maker()
    {
        return Gadget::new;
    }

    /**
     * @return what it carries.
     */
    public int value()
    {
        return value;
    }

    private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
    {
        in.defaultReadObject();
        Traces.record("readObject");
    }

    private Object readResolve()
    {
        Traces.record("readResolve");
        return this;
    }
}
