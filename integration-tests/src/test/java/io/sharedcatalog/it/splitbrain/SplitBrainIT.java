package io.sharedcatalog.it.splitbrain;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sharedcatalog.it.splitbrain.Namespaces.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real split brain: two member JVMs, each in a network namespace of its own, joined by a veth
 * pair and running the project's default member config (its merge policies). The link is cut, each
 * side registers and saves through its own client, the link is restored, and after the merge both
 * sides must see every registration, in one order, with each conflict resolved as the README says
 * (the later write wins, whichever side merges into the other). Skips, with the reason, where
 * network namespaces cannot be made (not root, no {@code ip}, no namespaces or veth in the kernel).
 */
class SplitBrainIT {
  private static final int SIDE_NAMES = 5;

  private final String id = UUID.randomUUID().toString().substring(0, 6);
  private final String clusterName = "splitbrain-" + id;
  private final Namespaces namespaces = new Namespaces(id);
  private final List<Process> processes = new ArrayList<>();
  private final Thread cleanupOnExit = new Thread(this::cleanUp, "splitbrain-cleanup");
  private Path memberLogA;
  private Path memberLogB;

  @BeforeEach
  void createNamespaces() {
    Result uid = Namespaces.run("id", "-u");
    assumeTrue(
        uid.ok() && uid.output().strip().equals("0"),
        "network namespaces need root; running as uid " + uid.output().strip());
    Result ip = Namespaces.run("ip", "-V");
    assumeTrue(ip.ok(), "no usable 'ip' command: " + ip.output().strip());
    Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    String failure = namespaces.create();
    assumeTrue(failure == null, () -> "cannot make network namespaces here: " + failure);
  }

  @AfterEach
  void tearDown() {
    cleanUp();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // the JVM is exiting, or the hook was never added
    }
    assertFalse(namespaces.anyLeft(), "network namespaces left behind");
  }

  private void cleanUp() {
    for (Process process : processes) {
      process.destroyForcibly();
    }
    for (Process process : processes) {
      try {
        process.waitFor(20, SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    namespaces.close();
  }

  @Test
  void afterAHealedSplitEveryRegistrationIsKeptInOneOrderAndTheLaterWriteWins() throws Exception {
    String nsA = namespaces.nsA();
    String nsB = namespaces.nsB();
    memberLogA = startMember(nsA, Namespaces.ADDRESS_A, Namespaces.ADDRESS_B);
    memberLogB = startMember(nsB, Namespaces.ADDRESS_B, Namespaces.ADDRESS_A);
    await().atMost(90, SECONDS).until(() -> size(memberLogA) == 2 && size(memberLogB) == 2);

    // Before the split: names both sides know, two of them overwritten on both sides later.
    client(nsA, "put:pre1=before", "put:pre2=before", "put:lateA=before", "put:lateB=before");

    long cutAt = System.nanoTime();
    namespaces.cut();
    await().atMost(30, SECONDS).until(() -> size(memberLogA) == 1 && size(memberLogB) == 1);
    long splitNoticedMs = millisSince(cutAt);

    // During the split: each side registers names of its own; dup1 and dup2 are registered on both
    // sides with different values, lateA and lateB overwritten on both. A write made later wins,
    // so with either side merging into the other, one later write comes from the merging side.
    List<String> sideA = new ArrayList<>();
    List<String> sideB = new ArrayList<>();
    for (int i = 1; i <= SIDE_NAMES; i++) {
      sideA.add("put:a" + i + "=A" + i);
      sideB.add("put:b" + i + "=B" + i);
    }
    sideA.addAll(List.of("put:dup1=A", "save:lateB=A"));
    sideB.addAll(List.of("put:dup1=B", "put:dup2=B", "save:lateA=B", "save:lateB=B"));
    client(nsA, sideA.toArray(String[]::new));
    client(nsB, sideB.toArray(String[]::new));
    Dump duringSplit = dump(client(nsA, "put:dup2=A", "save:lateA=A", "dump"));
    assertFalse(duringSplit.names().contains("b1"), "side A saw side B's names during the split");

    long restoredAt = System.nanoTime();
    namespaces.restore();
    await()
        .atMost(60, SECONDS)
        .until(
            () ->
                size(memberLogA) == 2
                    && size(memberLogB) == 2
                    && (merged(memberLogA) || merged(memberLogB)));
    long mergedMs = millisSince(restoredAt);
    String mergingSide = merged(memberLogA) ? "A" : "B";

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("pre1", "before");
    expected.put("pre2", "before");
    expected.put("lateA", "A"); // overwritten on B, then later on A
    expected.put("lateB", "B"); // overwritten on A, then later on B
    for (int i = 1; i <= SIDE_NAMES; i++) {
      expected.put("a" + i, "A" + i);
      expected.put("b" + i, "B" + i);
    }
    expected.put("dup1", "B"); // registered on A, then later on B
    expected.put("dup2", "A"); // registered on B, then later on A

    Dump[] seen = new Dump[2];
    await()
        .atMost(60, SECONDS)
        .pollInterval(1, SECONDS)
        .untilAsserted(
            () -> {
              seen[0] = dump(client(nsA, "dump"));
              seen[1] = dump(client(nsB, "dump"));
              assertEquals(expected.keySet(), new HashSet<>(seen[0].names()), "names on side A");
              assertEquals(seen[0].names(), seen[1].names(), "names() order differs between sides");
              assertEquals(expected, seen[0].valuesByName(expected), "values on side A");
              assertEquals(expected, seen[1].valuesByName(expected), "values on side B");
            });
    long consistentMs = millisSince(restoredAt);

    List<String> names = seen[0].names();
    assertEquals(
        List.of("pre1", "pre2", "lateA", "lateB"), names.subList(0, 4), "pre-split order kept");
    assertInOrder(names, "a");
    assertInOrder(names, "b");

    // A name registered after the merge goes last, after the merged side's names too.
    List<String> withPost = new ArrayList<>(names);
    withPost.add("post");
    assertEquals(withPost, dump(client(nsB, "put:post=after", "dump")).names(), "order on side B");
    assertEquals(withPost, dump(client(nsA, "dump")).names(), "order on side A");
    System.out.printf(
        "split noticed after %d ms; members merged %d ms after the link came back (side %s"
            + " merged into the other); both sides consistent after %d ms; names() = %s%n",
        splitNoticedMs, mergedMs, mergingSide, consistentMs, names);
  }

  /** Names {@code prefix1..prefixN} appear in registration order. */
  private static void assertInOrder(List<String> names, String prefix) {
    List<String> side = names.stream().filter(n -> n.matches(prefix + "\\d+")).toList();
    List<String> registered = new ArrayList<>();
    for (int i = 1; i <= SIDE_NAMES; i++) {
      registered.add(prefix + i);
    }
    assertEquals(registered, side, "one side's names out of their registration order: " + names);
  }

  private Path startMember(String ns, String own, String peer) {
    return fork(ns, "member-" + own, SplitBrainMember.class, List.of(clusterName, own, peer)).log();
  }

  /** Runs a client in namespace {@code ns} to completion; returns its output. */
  private String client(String ns, String... ops) throws Exception {
    String address = ns.equals(namespaces.nsA()) ? Namespaces.ADDRESS_A : Namespaces.ADDRESS_B;
    List<String> args = new ArrayList<>(List.of(clusterName, address, "sb"));
    args.addAll(Arrays.asList(ops));
    Forked client = fork(ns, "client", SplitBrainClient.class, args);
    assertTrue(
        client.process().waitFor(90, SECONDS),
        "client in " + ns + " did not finish: " + client.log());
    String output = Files.readString(client.log(), StandardCharsets.UTF_8);
    assertEquals(
        0,
        client.process().exitValue(),
        "client in " + ns + " failed: " + client.log() + "\n" + output);
    return output;
  }

  private record Forked(Process process, Path log) {}

  private Forked fork(String ns, String name, Class<?> mainClass, List<String> args) {
    List<String> command = new ArrayList<>(Namespaces.exec(ns));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String flags = System.getProperty("sharedcatalog.jvm.flags", "");
    if (!flags.isBlank()) {
      command.addAll(Arrays.asList(flags.trim().split("\\s+")));
    }
    command.addAll(
        List.of(
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-Dhazelcast.phone.home.enabled=false",
            "-Dhazelcast.logging.type=slf4j",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-cp",
            System.getProperty("java.class.path"),
            mainClass.getName()));
    command.addAll(args);
    try {
      Path dir = Path.of("target", "it-logs");
      Files.createDirectories(dir);
      Path log = Files.createTempFile(dir, "splitbrain-" + name + "-", ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      processes.add(process);
      return new Forked(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot fork " + name, e);
    }
  }

  /** The member count a member last logged, 0 before its first. */
  private static int size(Path memberLog) throws IOException {
    int size = 0;
    try (Stream<String> lines = Files.lines(memberLog, StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        int at = line.indexOf(SplitBrainMember.SIZE);
        if (at >= 0) {
          size = Integer.parseInt(line.substring(at + SplitBrainMember.SIZE.length()).strip());
        }
      }
    }
    return size;
  }

  private static boolean merged(Path memberLog) throws IOException {
    return Files.readString(memberLog, StandardCharsets.UTF_8)
        .contains(SplitBrainMember.LIFECYCLE + "MERGED");
  }

  private static long millisSince(long nanos) {
    return MILLISECONDS.convert(System.nanoTime() - nanos, TimeUnit.NANOSECONDS);
  }

  /** What a client's {@code dump} printed. */
  private record Dump(List<String> names, Map<String, String> values) {
    Map<String, String> valuesByName(Map<String, String> order) {
      Map<String, String> byName = new LinkedHashMap<>();
      order.keySet().forEach(name -> byName.put(name, values.get(name)));
      return byName;
    }
  }

  private static Dump dump(String output) {
    List<String> names = List.of();
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      if (line.startsWith(SplitBrainClient.NAMES)) {
        String list = line.substring(SplitBrainClient.NAMES.length()).strip();
        names = list.isEmpty() ? List.of() : List.of(list.split(","));
      } else if (line.startsWith(SplitBrainClient.VALUE)) {
        String entry = line.substring(SplitBrainClient.VALUE.length());
        int equals = entry.indexOf('=');
        values.put(entry.substring(0, equals), entry.substring(equals + 1).strip());
      }
    }
    return new Dump(names, values);
  }
}
