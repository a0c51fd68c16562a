package io.sharedcatalog.cluster.cli.internal.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.cluster.cli.internal.viz.RunStateSource.NodeStatus;
import io.sharedcatalog.cluster.cli.internal.viz.RunStateSource.RunStatus;
import io.sharedcatalog.cluster.cli.internal.viz.RunStateSource.Snapshot;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.Pipeline;
import io.sharedcatalog.runner.RunFailedException;
import io.sharedcatalog.runner.SequentialRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The states of an in-process run, marked by the instrumented node functions. */
class LocalRunStatesTest {
  @Test
  void aSequentialRunMarksNodesDoneAndTheFailingNodeFailedWithItsError() {
    Pipeline pipeline =
        Pipeline.of(
            Node.of("make", List.of(), List.of("a"), in -> Map.of("a", 1)),
            Node.of(
                "break",
                List.of("a"),
                List.of("b"),
                in -> {
                  throw new IllegalStateException("no b today");
                }),
            Node.of("after", List.of("b"), List.of("c"), in -> Map.of("c", 3)));
    LocalRunStates states = new LocalRunStates();
    assertEquals(RunStatus.NONE, states.snapshot().status());
    states.runStarted("");

    assertThrows(
        RunFailedException.class,
        () -> new SequentialRunner().run(states.instrument(pipeline), new DataCatalog()));
    states.runEnded(false);

    Snapshot snapshot = states.snapshot();
    assertEquals(RunStatus.FAILED, snapshot.status());
    assertEquals(NodeStatus.DONE, snapshot.nodes().get("make").status());
    assertTrue(snapshot.nodes().get("make").durationMillis() >= 0);
    assertEquals(NodeStatus.FAILED, snapshot.nodes().get("break").status());
    assertTrue(snapshot.nodes().get("break").error().contains("no b today"));
    assertFalse(snapshot.nodes().containsKey("after"), "a node never started stays pending");
  }

  @Test
  void eventsOfAParallelRunMoveANodeThroughItsStatesAndBackWhenTakenBack() {
    LocalRunStates states = new LocalRunStates();
    states.runStarted("");
    states.started("run-1", "n", 1, "worker-a", 1000);
    assertEquals(NodeStatus.RUNNING, states.snapshot().nodes().get("n").status());
    assertEquals("run-1", states.snapshot().runId());

    states.takenBack("n", 2, "worker-a");
    assertEquals(NodeStatus.PENDING, states.snapshot().nodes().get("n").status());

    states.started("run-1", "n", 2, "worker-b", 2000);
    states.finished("n", 2, "worker-b", 40);
    var state = states.snapshot().nodes().get("n");
    assertEquals(NodeStatus.DONE, state.status());
    assertEquals(2, state.attempt());
    assertEquals("worker-b", state.worker());
    assertEquals(40, state.durationMillis());
    assertEquals(2000, state.startedAtMillis());
  }
}
