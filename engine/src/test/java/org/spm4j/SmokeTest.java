package org.spm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmokeTest
{
    @TempDir
    private Path root;

    @ParameterizedTest
    @EnumSource(PoolKind.class)
    void shouldSquare(final PoolKind kind)
    {
        try (Pool pool = kind.start(root))
        {
            final Closure<Integer, Integer> square = pool.define("square", (Integer x) -> x * x);
            try (TaskFarm farm = pool.taskFarm().start())
            {
                assertEquals(List.of(1, 4, 9), farm.map(square, List.of(1, 2, 3)));
            }
        }
    }
}
