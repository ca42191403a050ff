package untrusted;

/**
 * Not serializable, so deserializing a {@link Gadget} would run this constructor.
 */
public class GadgetBase
{
    /**
     * Records "constructor".
     */
    public GadgetBase()
    {
        Traces.record("constructor");
    }
}
