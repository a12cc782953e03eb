package io.mediapurge.support;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An in-process MongoDB wire-protocol server with an in-memory backend.
 */
public final class EmbeddedMongo implements AutoCloseable {

	private final MongoServer server;

	private final String connectionString;

	public EmbeddedMongo() {
		this(new MemoryBackend());
	}

	/**
	 * @param backend the backend to serve, e.g. a memory backend that counts what it does
	 */
	public EmbeddedMongo(MongoBackend backend) {
		this(backend, 0);
	}

	/**
	 * @param backend the backend to serve
	 * @param connectionThreads the threads that serve the connections (each connection is
	 * served by one of them, in turn), or 0 for the server's default (two a core); a
	 * backend that answers after a delay needs one per connection, or the connections
	 * sharing a thread wait for each other's delays
	 */
	public EmbeddedMongo(MongoBackend backend, int connectionThreads) {
		this.server = new MongoServer(backend);
		if (connectionThreads > 0) {
			this.server.bind(new InetSocketAddress("127.0.0.1", 0), 1, connectionThreads);
		}
		else {
			this.server.bind(new InetSocketAddress("127.0.0.1", 0));
		}
		this.connectionString = this.server.getConnectionString();
	}

	/**
	 * @param database the database name to put in the URI
	 */
	public String uri(String database) {
		return this.connectionString + "/" + database;
	}

	@Override
	public void close() {
		this.server.shutdownNow();
	}

}
