import java.io.Serializable;

/**
 * A serializable class in the unnamed package, whose allow-list pattern is its bare name.
 */
public final class UnpackagedValue implements Serializable
{
    private static final long serialVersionUID = 1L;
}
