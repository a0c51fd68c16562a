package io.sharedcatalog.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResumeSuggestionTest {

  private static Node node(String name, List<String> inputs, List<String> outputs) {
    return Node.of(name, inputs, outputs, in -> Map.of());
  }

  /**
   * a: raw -> m1 (memory); b: m1 -> p1 (persisted); c: p1 -> m2; d: m2, m1x -> out; e: raw -> m1x.
   */
  private static final Pipeline PIPELINE =
      Pipeline.of(
          node("a", List.of("raw"), List.of("m1")),
          node("b", List.of("m1"), List.of("p1")),
          node("c", List.of("p1"), List.of("m2")),
          node("e", List.of("raw"), List.of("m1x")),
          node("d", List.of("m2", "m1x"), List.of("out")));

  private static final Set<String> PERSISTED = Set.of("raw", "p1", "out");

  @Test
  void walksUpPastEphemeralInputsToTheNearestPersistedOnes() {
    assertEquals(
        List.of("c", "e"),
        ResumeSuggestion.find(PIPELINE, List.of("a", "b", "c", "e"), PERSISTED::contains));
  }

  @Test
  void aNodeWhosePersistedInputsExistIsItsOwnResumePoint() {
    assertEquals(
        List.of("c", "e"), ResumeSuggestion.find(PIPELINE, List.of("a", "b"), PERSISTED::contains));
  }

  @Test
  void withEverythingEphemeralTheRunResumesFromTheSources() {
    assertEquals(
        List.of("a", "e"), ResumeSuggestion.find(PIPELINE, List.of("a", "b", "c"), name -> false));
  }

  @Test
  void nothingToSuggestWhenNoNodeCompletedOrAllDid() {
    assertEquals(List.of(), ResumeSuggestion.find(PIPELINE, List.of(), PERSISTED::contains));
    assertEquals(
        List.of(),
        ResumeSuggestion.find(PIPELINE, List.of("a", "b", "c", "d", "e"), PERSISTED::contains));
  }
}
