package org.spm4j.internal.codec;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds which value in an object graph is not serializable and says how it is reached: through a
 * lambda's captured values, fields, array elements and collection elements.
 */
public final class SerializationDiagnosis
{
    private static final int MAX_DEPTH = 32;

    private SerializationDiagnosis()
    {
    }

    /**
     * @param root the value that failed to serialize.
     * @return e.g. "captured value 0 (com.acme.Job) -> field 'lock' holds java.lang.Thread, which is not
     *         Serializable", or empty if nothing was found.
     */
    static Optional<String> findNotSerializable(final Object root)
    {
        return find(root, "", Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    }

    private static Optional<String> find(final Object value, final String path, final Set<Object> seen, final int depth)
    {
        if (null == value || depth > MAX_DEPTH || !seen.add(value))
        {
            return Optional.empty();
        }
        final Class<?> type = value.getClass();
        final SerializedLambda lambda = serializedForm(value);
        if (null != lambda)
        {
            for (int i = 0; i < lambda.getCapturedArgCount(); i++)
            {
                final Object captured = lambda.getCapturedArg(i);
                final Optional<String> found = find(captured, path + "captured value " + i +
                    (null == captured ? "" : " (" + captured.getClass().getName() + ")") + " -> ", seen, depth + 1);
                if (found.isPresent())
                {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (!(value instanceof Serializable))
        {
            final String what = type.isSynthetic() ? "a lambda that is not Serializable (declare it as a " +
                "TaskClosure or cast it to Serializable)" : type.getName() + ", which is not Serializable";
            return Optional.of(path.isEmpty() ? what : trimArrow(path) + " holds " + what);
        }
        if (type.isArray() && !type.getComponentType().isPrimitive())
        {
            final Object[] elements = (Object[])value;
            for (int i = 0; i < elements.length; i++)
            {
                final Optional<String> found = find(elements[i], path + "element " + i + " -> ", seen, depth + 1);
                if (found.isPresent())
                {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (value instanceof Iterable<?> iterable)
        {
            int i = 0;
            for (final Object element : iterable)
            {
                final Optional<String> found = find(element, path + "element " + i++ + " -> ", seen, depth + 1);
                if (found.isPresent())
                {
                    return found;
                }
            }
        }
        if (value instanceof Map<?, ?> map)
        {
            for (final Map.Entry<?, ?> entry : map.entrySet())
            {
                final Optional<String> found = find(entry.getValue(), path + "value of key '" + entry.getKey() +
                    "' -> ", seen, depth + 1);
                if (found.isPresent())
                {
                    return found;
                }
            }
        }
        return findInFields(value, path, seen, depth);
    }

    private static Optional<String> findInFields(
        final Object value, final String path, final Set<Object> seen, final int depth)
    {
        final ArrayDeque<Class<?>> types = new ArrayDeque<>();
        for (Class<?> type = value.getClass(); null != type && !type.getName().startsWith("java."); type =
            type.getSuperclass())
        {
            types.push(type);
        }
        for (final Class<?> type : types)
        {
            for (final Field field : type.getDeclaredFields())
            {
                final int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.getType().isPrimitive())
                {
                    continue;
                }
                final Object fieldValue = read(field, value);
                final Optional<String> found = find(fieldValue, path + "field '" + field.getName() + "' of " +
                    type.getName() + " -> ", seen, depth + 1);
                if (found.isPresent())
                {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Object read(final Field field, final Object target)
    {
        try
        {
            field.setAccessible(true);
            return field.get(target);
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return null;
        }
    }

    private static SerializedLambda serializedForm(final Object value)
    {
        final Class<?> type = value.getClass();
        if (!type.isSynthetic())
        {
            return null;
        }
        try
        {
            final Method writeReplace = type.getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            final Object replacement = writeReplace.invoke(value);
            return replacement instanceof SerializedLambda lambda ? lambda : null;
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return null;
        }
    }

    private static String trimArrow(final String path)
    {
        return path.endsWith(" -> ") ? path.substring(0, path.length() - 4) : path;
    }
}
