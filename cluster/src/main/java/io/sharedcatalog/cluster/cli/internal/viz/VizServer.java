package io.sharedcatalog.cluster.cli.internal.viz;

import com.hazelcast.jet.json.JsonUtil;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the viz page on 127.0.0.1 only (the JDK's {@link HttpServer}): {@code /} the page, {@code
 * /viz.js} and {@code /viz.css} its script and style, {@code /webjars/dagre/dagre.min.js} the
 * layout library from its WebJar on the class path, {@code /api/pipeline} the {@link PipelineGraph}
 * and {@code /api/state} the {@link RunStateSource}'s snapshot as JSON, read anew on every request
 * (the page polls it every second).
 *
 * <p>This class is thread-safe.
 */
public final class VizServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VizServer.class);
  private static final String RESOURCES = "io/sharedcatalog/cluster/cli/internal/viz/";
  private static final String DAGRE_POM = "META-INF/maven/org.webjars.npm/dagre/pom.properties";

  private final HttpServer server;
  private final ExecutorService executor;
  private final PipelineGraph graph;
  private final RunStateSource states;
  private final String dagrePath;

  private VizServer(HttpServer server, PipelineGraph graph, RunStateSource states) {
    this.server = server;
    this.graph = graph;
    this.states = states;
    this.dagrePath = "META-INF/resources/webjars/dagre/" + dagreVersion() + "/dist/dagre.min.js";
    this.executor =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "sharedcatalog-viz-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Starts serving on {@code 127.0.0.1:port}.
   *
   * @param graph the pipeline to draw
   * @param states where node states come from
   * @param port the port, or 0 for any free one
   * @throws UncheckedIOException if the port cannot be bound (for example it is in use)
   */
  public static VizServer start(PipelineGraph graph, RunStateSource states, int port) {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(states, "states");
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    VizServer viz = new VizServer(server, graph, states);
    server.start();
    log.debug("Viz serving at {}", viz.address());
    return viz;
  }

  /** The page's address, {@code http://127.0.0.1:PORT/}. */
  public URI address() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Writes JSON with Hazelcast's {@link JsonUtil}. */
  static String toJson(Object value) {
    try {
      return JsonUtil.toJson(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain", bytes("Only GET is served"));
        return;
      }
      switch (exchange.getRequestURI().getPath()) {
        case "/", "/index.html" ->
            send(exchange, 200, "text/html", resource(RESOURCES + "index.html"));
        case "/viz.js" -> send(exchange, 200, "text/javascript", resource(RESOURCES + "viz.js"));
        case "/viz.css" -> send(exchange, 200, "text/css", resource(RESOURCES + "viz.css"));
        case "/webjars/dagre/dagre.min.js" ->
            send(exchange, 200, "text/javascript", resource(dagrePath));
        case "/api/pipeline" -> send(exchange, 200, "application/json", bytes(graph.json()));
        case "/api/state" -> send(exchange, 200, "application/json", bytes(stateJson()));
        default -> send(exchange, 404, "text/plain", bytes("Not found"));
      }
    } catch (RuntimeException e) {
      log.warn("Viz request {} failed: {}", exchange.getRequestURI(), e.toString());
      throw e;
    }
  }

  private String stateJson() {
    RunStateSource.Snapshot snapshot = states.snapshot();
    Map<String, Object> nodes = new LinkedHashMap<>();
    snapshot
        .nodes()
        .forEach(
            (name, state) -> {
              Map<String, Object> node = new LinkedHashMap<>();
              node.put("state", state.status().name().toLowerCase(java.util.Locale.ROOT));
              node.put("attempt", state.attempt());
              node.put("worker", state.worker());
              node.put("startedAt", state.startedAtMillis());
              node.put("durationMillis", state.durationMillis());
              node.put("error", state.error());
              nodes.put(name, node);
            });
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("runId", snapshot.runId());
    state.put("status", snapshot.status().name().toLowerCase(java.util.Locale.ROOT));
    state.put("nodes", nodes);
    state.put("datasetBytes", snapshot.datasetBytes());
    return toJson(state);
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = VizServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The viz resource " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    }
  }

  private static String dagreVersion() {
    try (InputStream in = VizServer.class.getClassLoader().getResourceAsStream(DAGRE_POM)) {
      if (in == null) {
        throw new IllegalStateException(
            "The dagre WebJar (org.webjars.npm:dagre) is not on the class path: " + DAGRE_POM);
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
