package io.sharedcatalog.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.catalog.DatasetException;
import io.sharedcatalog.pipeline.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeExecutionTest {

  private final DataCatalog catalog = new DataCatalog();

  @Test
  void loadsInputsCallsTheFunctionAndSavesItsOutputs() throws Exception {
    catalog.putData("a", 2);
    catalog.putData("b", 3);
    catalog.get("sum", true);
    Node node =
        Node.of(
            "add",
            List.of("a", "b"),
            List.of("sum"),
            in -> Map.of("sum", (Integer) in.get("a") + (Integer) in.get("b")));

    NodeExecution.run(node, catalog);

    assertEquals(5, catalog.load("sum", Integer.class));
  }

  @Test
  void aNullResultFailsNamingTheNodeAndItsOutputs() {
    Node node = Node.of("lazy", List.of(), List.of("out"), in -> null);
    DatasetException e =
        assertThrows(DatasetException.class, () -> NodeExecution.run(node, catalog));
    assertTrue(e.getMessage().contains("'lazy' returned null"), e.getMessage());
    assertTrue(e.getMessage().contains("[out]"), e.getMessage());
  }

  @Test
  void missingAndExtraOutputsAreNamedTogetherAndNothingIsSaved() {
    catalog.get("kept", true);
    Node node =
        Node.of(
            "confused",
            List.of(),
            List.of("kept", "wanted"),
            in -> Map.of("kept", 1, "unexpected", 2));
    DatasetException e =
        assertThrows(DatasetException.class, () -> NodeExecution.run(node, catalog));
    assertTrue(e.getMessage().contains("did not return output(s) [wanted]"), e.getMessage());
    assertTrue(e.getMessage().contains("returned dataset(s) [unexpected]"), e.getMessage());
    assertFalse(catalog.exists("kept"));
  }

  @Test
  void theFunctionsExceptionPassesThroughUnchanged() {
    UnsupportedOperationException cause = new UnsupportedOperationException("not yet");
    Node node =
        Node.of(
            "unfinished",
            List.of(),
            List.of("x"),
            in -> {
              throw cause;
            });
    assertSame(cause, assertThrows(Exception.class, () -> NodeExecution.run(node, catalog)));
  }

  @Test
  void theFunctionGetsItsInputsInDeclaredOrderAndCannotChangeThem() throws Exception {
    catalog.putData("z", "last");
    catalog.putData("a", "first");
    catalog.get("order", true);
    Map<String, Object> seen = new HashMap<>();
    Node node =
        Node.of(
            "look",
            List.of("z", "a"),
            List.of("order"),
            in -> {
              seen.put("keys", List.copyOf(in.keySet()));
              assertThrows(UnsupportedOperationException.class, () -> in.put("a", "changed"));
              return Map.of("order", "ok");
            });
    NodeExecution.run(node, catalog);
    assertEquals(List.of("z", "a"), seen.get("keys"));
  }
}
