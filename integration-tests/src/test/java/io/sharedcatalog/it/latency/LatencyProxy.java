package io.sharedcatalog.it.latency;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on 127.0.0.1 that delays every byte by a fixed time in each direction, as a network
 * with that one-way latency would: a request and its answer then cost one round trip of twice the
 * delay, so a call's duration counts its round trips. Bytes keep their order.
 *
 * <p>This class is not thread-safe; its pump threads are daemons that end with {@link #close()}.
 */
final class LatencyProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final long delayNanos;
  private final List<Socket> sockets = new ArrayList<>();

  LatencyProxy(InetSocketAddress target, long delayMillis) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    this.target = target;
    this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    daemon("proxy-accept", this::accept).start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    try {
      while (!server.isClosed()) {
        Socket inbound = server.accept();
        Socket outbound = new Socket(target.getAddress(), target.getPort());
        inbound.setTcpNoDelay(true);
        outbound.setTcpNoDelay(true);
        synchronized (sockets) {
          sockets.add(inbound);
          sockets.add(outbound);
        }
        pump(inbound, outbound);
        pump(outbound, inbound);
      }
    } catch (IOException e) {
      // closed
    }
  }

  private record Chunk(long due, byte[] bytes) {}

  private void pump(Socket from, Socket to) throws IOException {
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    daemon(
            "proxy-read",
            () -> {
              byte[] buffer = new byte[64 << 10];
              try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                  queue.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                }
              } catch (IOException e) {
                // closed
              }
            })
        .start();
    daemon(
            "proxy-write",
            () -> {
              try {
                while (true) {
                  Chunk chunk = queue.take();
                  long wait = chunk.due() - System.nanoTime();
                  if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // the emulated latency, not a wait for state
                  }
                  out.write(chunk.bytes());
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // closed
              }
            })
        .start();
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
