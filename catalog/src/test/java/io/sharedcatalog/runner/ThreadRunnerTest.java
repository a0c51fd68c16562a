package io.sharedcatalog.runner;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sharedcatalog.catalog.DataCatalog;
import io.sharedcatalog.pipeline.Node;
import io.sharedcatalog.pipeline.NodeFunction;
import io.sharedcatalog.pipeline.Pipeline;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadRunnerTest extends RunnerContractTest {

  private final CountDownLatch gate = new CountDownLatch(1);

  @Override
  protected Runner runner() {
    return new ThreadRunner(4);
  }

  @AfterEach
  void openTheGate() {
    gate.countDown(); // never leave a node thread waiting
  }

  /** A source node that counts itself started, then waits (bounded) for the gate. */
  private Node gated(String name, AtomicInteger started) {
    NodeFunction function =
        inputs -> {
          started.incrementAndGet();
          if (!gate.await(20, SECONDS)) {
            throw new IllegalStateException("the test never opened the gate");
          }
          events.add("ran " + name);
          return Map.of(name + "_out", name);
        };
    return Node.of(name, List.of(), List.of(name + "_out"), function);
  }

  private CompletableFuture<RunResult> runInBackground(
      Runner runner, Pipeline pipeline, DataCatalog catalog) {
    return CompletableFuture.supplyAsync(() -> runner.run(pipeline, catalog));
  }

  @Test
  void independentNodesRunAtTheSameTime() throws Exception {
    AtomicInteger started = new AtomicInteger();
    Pipeline pipeline = Pipeline.of(gated("left", started), gated("right", started));

    CompletableFuture<RunResult> run = runInBackground(new ThreadRunner(2), pipeline, newCatalog());

    // Both nodes are inside their functions together, neither has finished.
    await().atMost(20, SECONDS).until(() -> started.get() == 2);
    assertTrue(events.isEmpty());
    gate.countDown();
    RunResult result = run.get(20, SECONDS);
    assertEquals(Set.of("left", "right"), Set.copyOf(result.completedNodes()));
  }

  @Test
  void noMoreThanMaxWorkersNodesRunAtOnce() throws Exception {
    AtomicInteger started = new AtomicInteger();
    Pipeline pipeline = Pipeline.of(gated("a", started), gated("b", started), gated("c", started));

    CompletableFuture<RunResult> run = runInBackground(new ThreadRunner(2), pipeline, newCatalog());

    await().atMost(20, SECONDS).until(() -> started.get() == 2);
    await().during(300, MILLISECONDS).atMost(5, SECONDS).until(() -> started.get() == 2);
    gate.countDown();
    assertEquals(3, run.get(20, SECONDS).completedNodes().size());
  }

  @Test
  void afterAFailureNoNodeStartsButRunningNodesFinish() throws Exception {
    AtomicInteger started = new AtomicInteger();
    AtomicReference<Thread> failingThread = new AtomicReference<>();
    AtomicBoolean waitingRan = new AtomicBoolean();
    Pipeline pipeline =
        Pipeline.of(
            Node.of(
                "a_fails",
                List.of(),
                List.of("a_out"),
                inputs -> {
                  failingThread.set(Thread.currentThread());
                  throw new IllegalStateException("a broke");
                }),
            gated("b_slow", started),
            Node.of(
                "c_waiting",
                List.of(),
                List.of("c_out"),
                inputs -> {
                  waitingRan.set(true);
                  return Map.of("c_out", 1);
                }));

    CompletableFuture<RunResult> run = runInBackground(new ThreadRunner(2), pipeline, newCatalog());

    // a_fails and b_slow take both workers. Once a_fails's thread is back in the pool, its
    // failure is queued ahead of b_slow's completion: c_waiting must then never start.
    await().atMost(20, SECONDS).until(() -> started.get() == 1 && failingThread.get() != null);
    await().atMost(20, SECONDS).until(() -> failingThread.get().getState() == Thread.State.WAITING);
    gate.countDown();
    ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(20, SECONDS));

    RunFailedException failure = (RunFailedException) e.getCause();
    assertEquals("a_fails", failure.nodeName());
    assertTrue(events.contains("ran b_slow"), "the running node finished");
    assertFalse(waitingRan.get(), "no node starts after a failure");
  }

  @Test
  void interruptingTheCallerInterruptsRunningNodesAndCancelsTheRun() throws Exception {
    AtomicInteger started = new AtomicInteger();
    AtomicBoolean nodeInterrupted = new AtomicBoolean();
    Node waiting =
        Node.of(
            "waiting",
            List.of(),
            List.of("w"),
            inputs -> {
              started.incrementAndGet();
              try {
                gate.await(20, SECONDS);
              } catch (InterruptedException e) {
                nodeInterrupted.set(true);
                throw e;
              }
              return Map.of("w", 1);
            });
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean interruptKept = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                new ThreadRunner(2).run(Pipeline.of(waiting), newCatalog());
              } catch (Throwable t) {
                thrown.set(t);
                interruptKept.set(Thread.currentThread().isInterrupted());
              }
            });
    caller.start();
    await().atMost(20, SECONDS).until(() -> started.get() == 1);
    caller.interrupt();
    caller.join(20_000);

    assertTrue(thrown.get() instanceof java.util.concurrent.CancellationException, "" + thrown);
    assertTrue(interruptKept.get());
    await().atMost(20, SECONDS).untilTrue(nodeInterrupted);
  }

  @Test
  void maxWorkersMustBePositive() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ThreadRunner(0));
    assertTrue(e.getMessage().contains("maxWorkers"), e.getMessage());
  }

  /** A node that records the thread it ran on. */
  private static Node recordingThread(
      String name, List<String> inputs, String output, Set<String> threads) {
    return Node.of(
        name,
        inputs,
        List.of(output),
        in -> {
          threads.add(Thread.currentThread().getName());
          return Map.of(output, name);
        });
  }

  @Test
  void aRunStartsNoMoreThreadsThanThePipelineCanRunAtOnceNorMoreThanAsked() {
    // A chain runs one node at a time: one thread, though eight are allowed.
    Set<String> chainThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Pipeline chain =
        Pipeline.of(
            recordingThread("one", List.of(), "a", chainThreads),
            recordingThread("two", List.of("a"), "b", chainThreads),
            recordingThread("three", List.of("b"), "c", chainThreads),
            recordingThread("four", List.of("c"), "d", chainThreads));
    new ThreadRunner(8).run(chain, new DataCatalog());
    assertEquals(1, chainThreads.size(), chainThreads.toString());

    // source -> three independent nodes -> sink: at most three at once.
    Set<String> fanThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Pipeline fan =
        Pipeline.of(
            recordingThread("source", List.of(), "s", fanThreads),
            recordingThread("left", List.of("s"), "l", fanThreads),
            recordingThread("middle", List.of("s"), "m", fanThreads),
            recordingThread("right", List.of("s"), "r", fanThreads),
            recordingThread("sink", List.of("l", "m", "r"), "out", fanThreads));
    new ThreadRunner(8).run(fan, new DataCatalog());
    assertEquals(3, fanThreads.size(), fanThreads.toString());

    Set<String> askedThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Pipeline fanAgain =
        Pipeline.of(
            recordingThread("source", List.of(), "s", askedThreads),
            recordingThread("left", List.of("s"), "l", askedThreads),
            recordingThread("middle", List.of("s"), "m", askedThreads),
            recordingThread("right", List.of("s"), "r", askedThreads),
            recordingThread("sink", List.of("l", "m", "r"), "out", askedThreads));
    new ThreadRunner(2).run(fanAgain, new DataCatalog());
    assertEquals(2, askedThreads.size(), askedThreads.toString());
  }
}
