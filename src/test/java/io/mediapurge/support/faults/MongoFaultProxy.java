package io.mediapurge.support.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between the application and the MongoDB server that can cut connections:
 * when it sees a given command in the client's bytes (the wire protocol carries the
 * command name as the first BSON key, type 0x02 string, so a byte search for
 * {@code 0x02 name 0x00} finds it), or all at once; while it is down it accepts and
 * closes every new connection. The command that trips a cut never reaches the server.
 */
public final class MongoFaultProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final InetSocketAddress target;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile byte[] trigger;

	private volatile byte[][] alsoContaining = new byte[0][];

	private final AtomicInteger cutsLeft = new AtomicInteger();

	private final AtomicInteger cutsDone = new AtomicInteger();

	private final AtomicInteger triggersSeen = new AtomicInteger();

	private volatile int skipFirst;

	private volatile boolean down;

	private volatile boolean outageOnTrigger;

	public MongoFaultProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "mongo-fault-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** A connection string to the proxy, with short driver timeouts. */
	public String uri(String database) {
		return "mongodb://127.0.0.1:" + this.listener.getLocalPort() + "/" + database
				+ "?serverSelectionTimeoutMS=1500&connectTimeoutMS=1000&socketTimeoutMS=5000&heartbeatFrequencyMS=500";
	}

	/**
	 * Cuts the connection that carries {@code command} (and, in the same message, every
	 * string of {@code alsoContaining}), {@code times} times, after letting the first
	 * {@code skip} such commands through.
	 */
	public void cutOnCommand(String command, int skip, int times, String... alsoContaining) {
		this.alsoContaining = Arrays.stream(alsoContaining)
			.map(text -> text.getBytes(StandardCharsets.UTF_8))
			.toArray(byte[][]::new);
		this.skipFirst = skip;
		this.triggersSeen.set(0);
		this.cutsDone.set(0);
		this.cutsLeft.set(times);
		this.trigger = ("\u0002" + command + "\u0000").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Like {@link #cutOnCommand}, but the cut takes the whole server down: every open
	 * connection is closed and new ones are refused until {@link #heal()}.
	 */
	public void outageOnCommand(String command, int skip) {
		cutOnCommand(command, skip, 1);
		this.outageOnTrigger = true;
	}

	/** Disarms every fault and accepts connections again. */
	public void heal() {
		this.trigger = null;
		this.outageOnTrigger = false;
		this.down = false;
	}

	/** Connections cut since the fault was armed (one per fault injected). */
	public int cuts() {
		return this.cutsDone.get();
	}

	public boolean isDown() {
		return this.down;
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				if (this.down) {
					client.close();
					continue;
				}
				Socket server = new Socket(this.target.getAddress(), this.target.getPort());
				this.open.add(client);
				this.open.add(server);
				pump(client, server, true);
				pump(server, client, false);
			}
			catch (IOException ex) {
				// closed, or the server refused: the client sees a dropped connection
			}
		}
	}

	private void pump(Socket from, Socket to, boolean clientToServer) {
		Thread pump = new Thread(() -> {
			byte[] buffer = new byte[64 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read; (read = in.read(buffer)) >= 0;) {
					if (clientToServer && tripped(buffer, read)) {
						break;
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// the other side is gone
			}
			finally {
				close(from);
				close(to);
				this.open.remove(from);
				this.open.remove(to);
			}
		}, "mongo-fault-proxy-pump");
		pump.setDaemon(true);
		pump.start();
	}

	private boolean tripped(byte[] buffer, int length) {
		byte[] pattern = this.trigger;
		if (pattern == null || indexOf(buffer, length, pattern) < 0) {
			return false;
		}
		for (byte[] other : this.alsoContaining) {
			if (indexOf(buffer, length, other) < 0) {
				return false;
			}
		}
		if (this.triggersSeen.incrementAndGet() <= this.skipFirst) {
			return false;
		}
		if (this.cutsLeft.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
			return false;
		}
		this.cutsDone.incrementAndGet();
		if (this.outageOnTrigger) {
			this.down = true;
			this.open.forEach(MongoFaultProxy::close);
		}
		return true;
	}

	private static int indexOf(byte[] buffer, int length, byte[] pattern) {
		outer: for (int i = 0; i <= length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (buffer[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		heal();
		this.listener.close();
		this.open.forEach(MongoFaultProxy::close);
	}

}
