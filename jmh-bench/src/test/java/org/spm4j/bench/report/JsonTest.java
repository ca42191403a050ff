package org.spm4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest
{
    @Test
    void shouldParseNestedValues()
    {
        final Object parsed = Json.parse(" {\"a\": [1, -2.5e3, \"x\\\"y\\u0041\\n\"]," +
            " \"b\": {\"c\": true, \"d\": null}, \"e\": false, \"f\": {}, \"g\": []} ");

        final Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", List.of(1.0, -2500.0, "x\"yA\n"));
        final Map<String, Object> b = new LinkedHashMap<>();
        b.put("c", true);
        b.put("d", null);
        expected.put("b", b);
        expected.put("e", false);
        expected.put("f", Map.of());
        expected.put("g", List.of());
        assertEquals(expected, parsed);
    }

    @Test
    void shouldReadJmhNotANumberAsText()
    {
        assertEquals(Arrays.asList("NaN", 1.0), Json.parse("[\"NaN\", 1]"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "{", "[1,", "{\"a\" 1}", "[1] 2", "\"open", "tru", "{1: 2}" })
    void shouldRejectWhatIsNotJson(final String text)
    {
        assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
    }

    @Test
    void shouldWriteWhatItParses()
    {
        final Map<String, Double> values = new LinkedHashMap<>();
        values.put("memory.idleSpoke rss", 5.0e7);
        values.put("x", 1.5);

        assertEquals(Map.of("metrics", Map.of("memory.idleSpoke rss", 5.0e7, "x", 1.5)),
            Json.parse(Json.object("metrics", values)));
    }
}
