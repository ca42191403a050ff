package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a pool builder checks before anything starts, and that checking leaves nothing behind.
 */
class PoolBuilderValidateTest
{
    @TempDir
    private Path directory;

    @Test
    void shouldAcceptDirectoriesThatCanBeMadeWithoutLeavingThemBehind()
    {
        final Path root = directory.resolve("a/b/root");
        final Path journal = directory.resolve("c/journal");

        Pool.builder().root(root).persistentJournal(journal).validate();

        assertFalse(Files.exists(directory.resolve("a")), "the root's missing parents were removed again");
        assertFalse(Files.exists(directory.resolve("c")));
    }

    @Test
    void shouldNameADirectoryThatCannotBeMadeAndLeaveTheOtherAsItWas() throws IOException
    {
        final Path file = Files.createFile(directory.resolve("file"));
        final Path root = directory.resolve("root");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Pool.builder().root(root).persistentJournal(file.resolve("journal")).validate());

        assertTrue(ex.getMessage().startsWith("journal directory " + file.resolve("journal") + " cannot be created: "),
            ex.getMessage());
        assertFalse(Files.exists(root), "the root made to try was removed again");
        assertEquals("a file is in the way",
            assertThrows(IllegalArgumentException.class, () -> Pool.builder().root(file).validate()).getMessage()
                .replaceFirst(".*: ", ""));
    }

    @Test
    void shouldRefuseMoreSpokesThanAPoolHolds()
    {
        assertEquals("a pool has 1 to 4096 spokes: 4097",
            assertThrows(IllegalArgumentException.class, () -> Pool.builder().spokes(4097)).getMessage());
    }
}
