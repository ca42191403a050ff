package org.spm4j.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spm4j.FailureKind;
import org.spm4j.shm.journal.ErrorKind;

class FailureKindsTest
{
    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void shouldShowEachErrorKindAsTheFailureKindOfItsName(final ErrorKind kind)
    {
        assertEquals(kind.name(), FailureKinds.of(kind).name());
    }

    @Test
    void shouldShowEveryFailureKindForExactlyOneErrorKind()
    {
        final Set<FailureKind> shown = EnumSet.noneOf(FailureKind.class);
        for (final ErrorKind kind : ErrorKind.values())
        {
            shown.add(FailureKinds.of(kind));
        }

        assertEquals(EnumSet.allOf(FailureKind.class), shown);
        assertEquals(ErrorKind.values().length, FailureKind.values().length);
    }
}
