package io.sharedcatalog.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatternIndexTest {
  private static final String[] PIECES = {"a", "b", ".", "_", "ab", "{x}", "{y}", "{x}"};

  private static String randomText(Random random, boolean pattern) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(5);
    for (int i = 0; i < length; i++) {
      String piece = PIECES[random.nextInt(pattern ? PIECES.length : 5)];
      if (piece.startsWith("{") && text.toString().endsWith("}")) {
        piece = "_";
      }
      text.append(piece);
    }
    return text.toString();
  }

  @Test
  void theIndexFindsTheSamePatternAsALinearScanOfTheRanking() {
    Random random = new Random(42);
    int matched = 0;
    for (int round = 0; round < 50; round++) {
      Set<String> texts = new LinkedHashSet<>();
      while (texts.size() < 30) {
        String text = randomText(random, true);
        if (PlaceholderPattern.isPattern(text)) {
          texts.add(text);
        }
      }
      List<PlaceholderPattern> patterns = new ArrayList<>();
      texts.forEach(t -> patterns.add(PlaceholderPattern.compile(t)));
      PatternIndex index = new PatternIndex(patterns);
      for (int i = 0; i < 200; i++) {
        String name = randomText(random, false) + randomText(random, false);
        Optional<String> linear =
            index.ranked().stream().filter(p -> p.matches(name)).findFirst().map(p -> p.text());
        assertEquals(
            linear, index.match(name).map(PlaceholderPattern::text), name + " in " + texts);
        matched += linear.isPresent() ? 1 : 0;
      }
    }
    assertTrue(matched > 1000, "too few names matched to exercise the index: " + matched);
  }
}
