package org.spm4j.shm.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.shm.ProtocolException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorKindTest
{
    @Test
    void shouldKeepTheCodesTheJournalStores()
    {
        assertEquals(1, ErrorKind.TASK_FAILED.code());
        assertEquals(2, ErrorKind.SPOKE_CRASHED.code());
        assertEquals(3, ErrorKind.DEADLINE_EXCEEDED.code());
        assertEquals(4, ErrorKind.HUB_CALLBACK_FAILED.code());
        assertEquals(5, ErrorKind.PROTOCOL_VIOLATION.code());
        assertEquals(6, ErrorKind.CREW_FAILED.code());
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void shouldFindEveryKindByItsCode(final ErrorKind kind)
    {
        assertEquals(kind, ErrorKind.fromCode(kind.code()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9, -1, 255, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void shouldNameAnUnknownCode(final int code)
    {
        final ProtocolException ex = assertThrows(ProtocolException.class, () -> ErrorKind.fromCode(code));

        assertTrue(ex.getMessage().contains(Integer.toString(code)), ex.getMessage());
    }
}
