package io.sharedcatalog.bench;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cluster member for {@link HandoffBenchmark}, run in a JVM of its own so its heap can be
 * measured: it samples its used heap every millisecond and, on request through the map {@code
 * sharedcatalog.bench.control}, collects garbage and resets (key {@code reset}) or reports (key
 * {@code report}) its baseline and peak into {@code sharedcatalog.bench.heap}.
 *
 * <p>Arguments: {@code clusterName port joinAddress [partitionCount]}.
 *
 * <p>This class is not thread-safe (it is a program).
 */
public final class BenchMember {
  static final String CONTROL_MAP = "sharedcatalog.bench.control";
  static final String HEAP_MAP = "sharedcatalog.bench.heap";
  static final String CPU_MAP = "sharedcatalog.bench.cpu";

  private BenchMember() {}

  /** Starts the member and runs until the process is killed. */
  public static void main(String[] args) throws InterruptedException {
    HazelcastInstance hz =
        Hazelcast.newHazelcastInstance(memberConfig(args[0], Integer.parseInt(args[1]), args[2]));
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong baseline = new AtomicLong();
    AtomicLong peak = new AtomicLong();
    AtomicLong peakAfterGc = new AtomicLong();
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((javax.management.NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                // what the heap holds once garbage is collected: the live set
                peakAfterGc.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
              },
              null,
              null);
    }
    // Samples only between a reset and the next report: a thread waking every millisecond all
    // along would itself slow the handoffs measured meanwhile (measured: small handoffs took
    // several times longer with it running).
    Object gate = new Object();
    AtomicBoolean sampling = new AtomicBoolean();
    Thread sampler =
        new Thread(
            () -> {
              while (true) {
                synchronized (gate) {
                  while (!sampling.get()) {
                    try {
                      gate.wait();
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                }
                long used = memory.getHeapMemoryUsage().getUsed();
                peak.accumulateAndGet(used, Math::max);
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    IMap<String, Long> control = hz.getMap(CONTROL_MAP);
    IMap<String, long[]> heap = hz.getMap(HEAP_MAP);
    IMap<String, long[]> cpu = hz.getMap(CPU_MAP);
    String me = hz.getCluster().getLocalMember().getUuid().toString();
    ControlListener listener =
        new ControlListener() {
          @Override
          void handle(String key, long sequence) {
            if (key.equals("cpu")) {
              cpu.set(me, new long[] {sequence, processCpuNanos(), gcMillis()});
              return;
            }
            if (key.equals("reset")) {
              System.gc();
              long used = memory.getHeapMemoryUsage().getUsed();
              baseline.set(used);
              peak.set(used);
              peakAfterGc.set(used);
              synchronized (gate) {
                sampling.set(true);
                gate.notifyAll();
              }
            } else {
              sampling.set(false);
              peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
              System.gc();
            }
            heap.set(me, new long[] {sequence, baseline.get(), peak.get(), peakAfterGc.get()});
          }
        };
    control.addEntryListener(listener, true);
    new CountDownLatch(1).await();
  }

  /** CPU time this JVM has used, all threads (garbage collection and compilation included). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Time this JVM's collectors have reported, summed over collectors. */
  static long gcMillis() {
    long total = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /**
   * A client config for the benchmark cluster {@code clusterName}, connecting to {@code address}.
   */
  static ClientConfig clientConfig(String clusterName, String address) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.getNetworkConfig().addAddress(address);
    config
        .getConnectionStrategyConfig()
        .getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(60_000);
    return config;
  }

  /** A port that was free on 127.0.0.1 a moment ago. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  /** A member config on loopback: TCP-IP join to {@code joinAddress}, no multicast. */
  static Config memberConfig(String clusterName, int port, String joinAddress) {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false).setPublicAddress("127.0.0.1:" + port);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember(joinAddress);
    if (Boolean.getBoolean("bench.chunkAsyncBackup")) {
      // an option to measure: chunks backed up asynchronously (a member lost within milliseconds
      // of a save can then lose a chunk, which the next load reports as an incomplete value)
      config.getMapConfig("sharedcatalog.*.chunks").setBackupCount(0).setAsyncBackupCount(1);
    }
    return config;
  }

  private abstract static class ControlListener
      implements EntryAddedListener<String, Long>, EntryUpdatedListener<String, Long> {
    abstract void handle(String key, long sequence);

    @Override
    public void entryAdded(EntryEvent<String, Long> event) {
      handle(event.getKey(), event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, Long> event) {
      handle(event.getKey(), event.getValue());
    }
  }
}
