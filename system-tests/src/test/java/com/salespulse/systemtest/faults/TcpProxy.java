package com.salespulse.systemtest.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on localhost between the services and PostgreSQL or Kafka (T8), able to add latency, cut every
 * connection, or hold them half-open. Blocking sockets and plain threads, because the load is small (some hundred
 * connections) and the code should be obvious: each connection is a {@link Link} of two directions; a direction's
 * reader stamps each chunk it reads with the time it may be delivered (read time + latency) and queues it, its writer
 * delivers the chunk at that time, so latency delays the bytes without throttling them.
 *
 * <p>A cut closes both sides of every open connection at once (with a reset, as a dead router would) and refuses
 * (accepts and resets) new ones until {@link #restore()}. Half-open freezes every open connection and every new one:
 * the sockets stay open, nothing is delivered either way and no close is passed on, as when the far side vanished
 * without a FIN; the bytes sent meanwhile are lost. {@link #restore()} ends it for new connections only: a frozen
 * connection stays frozen until its client gives up on it, which is what a client's own timeouts must handle.
 */
final class TcpProxy implements AutoCloseable {

    private static final byte[] END = new byte[0];

    private final String name;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private volatile long latencyNanos;
    private volatile boolean refusing;
    private volatile boolean frozen;

    /** Listens on a free port of localhost and forwards to {@code localhost:targetPort}. */
    TcpProxy(String name, int targetPort) {
        this.name = name;
        this.targetPort = targetPort;
        try {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("proxy-" + name + "-accept", this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Every chunk is delivered this long after it was read, each way (a round trip takes twice as long). */
    void latency(Duration oneWay) {
        latencyNanos = oneWay.toNanos();
    }

    /** Closes every open connection with a reset and refuses new ones until {@link #restore()}; how many it cut. */
    int cut() {
        refusing = true;
        int cut = links.size();
        links.forEach(Link::reset);
        return cut;
    }

    /** Freezes every open connection and every new one until {@link #restore()}; how many were open. */
    int halfOpen() {
        frozen = true;
        links.forEach(link -> link.frozen = true);
        return links.size();
    }

    /** New connections are forwarded again, without latency; frozen ones stay frozen. */
    void restore() {
        latencyNanos = 0;
        refusing = false;
        frozen = false;
    }

    /** Connections open now (frozen ones included). */
    int open() {
        return links.size();
    }

    long accepted() {
        return accepted.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        links.forEach(Link::reset);
    }

    @Override
    public String toString() {
        return name + " proxy :" + port() + " -> :" + targetPort;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            accepted.incrementAndGet();
            if (refusing) {
                resetQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
            } catch (IOException targetDown) {
                resetQuietly(client);
                resetQuietly(upstream);
                continue;
            }
            Link link = new Link(client, upstream, frozen);
            links.add(link);
            link.start();
        }
    }

    /** One proxied connection: client to upstream and back, each direction a reader and a writer thread. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private final BlockingQueue<Chunk> upQueue = new LinkedBlockingQueue<>();
        private final BlockingQueue<Chunk> downQueue = new LinkedBlockingQueue<>();
        volatile boolean frozen;

        Link(Socket client, Socket upstream, boolean frozen) {
            this.client = client;
            this.upstream = upstream;
            this.frozen = frozen;
        }

        void start() {
            direction(client, upstream, "up", upQueue, true);
            direction(upstream, client, "down", downQueue, false);
        }

        private void direction(Socket from, Socket to, String label, BlockingQueue<Chunk> queue, boolean fromClient) {
            daemon("proxy-" + name + "-" + label + "-read", () -> read(from, queue, fromClient));
            daemon("proxy-" + name + "-" + label + "-write", () -> write(to, queue));
        }

        private void read(Socket from, BlockingQueue<Chunk> queue, boolean fromClient) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!frozen) {
                        queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + latencyNanos));
                    }
                }
            } catch (IOException closed) {
                // a reset or our own close: end the link as below
            }
            // a frozen link passes no close on, but ends when its client gives up on it
            if (!frozen || fromClient) {
                queue.add(new Chunk(END, 0));
            }
        }

        private void write(Socket to, BlockingQueue<Chunk> queue) {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk.bytes() == END) {
                        break;
                    }
                    long wait = chunk.due() - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (!frozen) {
                        out.write(chunk.bytes());
                    }
                }
            } catch (IOException | InterruptedException closed) {
                // the other side went away
            }
            reset();
        }

        void reset() {
            links.remove(this);
            upQueue.add(new Chunk(END, 0));
            downQueue.add(new Chunk(END, 0));
            resetQuietly(client);
            resetQuietly(upstream);
        }
    }

    private record Chunk(byte[] bytes, long due) {}

    private static void resetQuietly(Socket socket) {
        try {
            if (socket.isConnected() && !socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
