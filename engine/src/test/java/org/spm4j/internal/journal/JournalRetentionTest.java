package org.spm4j.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spm4j.shm.PoolDirectory;

class JournalRetentionTest
{
    @TempDir
    Path tempDir;

    @AfterEach
    void clearRetentionProperty()
    {
        System.clearProperty(Journals.PERSISTENT_RETENTION_PROP_NAME);
    }

    @Test
    void shouldTreatTheJournalBesideAPoolsFileAsThatPoolsOwn() throws IOException
    {
        final PoolDirectory pool = PoolDirectory.create(tempDir, "kept");
        Files.createFile(pool.poolFile());

        assertTrue(JournalRetention.of(pool.journalDirectory(), "kept").poolOwned());
        assertFalse(JournalRetention.of(pool.journalDirectory(), "other").poolOwned());
    }

    @Test
    void shouldKeepAJournalNamedLikeAPoolsOwnButElsewhereAsPersistent() throws IOException
    {
        final Path lookalike = tempDir.resolve("home").resolve("kept").resolve(PoolDirectory.JOURNAL_DIRECTORY_NAME);
        Files.createDirectories(lookalike);

        final JournalRetention retention = JournalRetention.of(lookalike, "kept");

        assertFalse(retention.poolOwned());
        assertEquals(Journals.PERSISTENT_RETENTION_DEFAULT, retention.kept());
        assertFalse(JournalRetention.of(tempDir.resolve("journal"), "kept").poolOwned());
    }

    @Test
    void shouldKeepAPersistentJournalAsLongAsThePropertySays()
    {
        System.setProperty(Journals.PERSISTENT_RETENTION_PROP_NAME, "PT12H");

        assertEquals(Duration.ofHours(12), JournalRetention.of(true).kept());
        assertTrue(JournalRetention.of(false).poolOwned());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12h", "PT0S", "-P1D", ""})
    void shouldNameThePropertyWhenItsValueIsNoPositiveDuration(final String value)
    {
        System.setProperty(Journals.PERSISTENT_RETENTION_PROP_NAME, value);

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, Journals::persistentRetention);

        assertTrue(ex.getMessage().contains(Journals.PERSISTENT_RETENTION_PROP_NAME + "=" + value), ex.getMessage());
    }

    @Test
    void shouldRefuseARetentionThatKeepsNothing()
    {
        assertThrows(IllegalArgumentException.class, () -> JournalRetention.keptFor(Duration.ZERO));
    }
}
