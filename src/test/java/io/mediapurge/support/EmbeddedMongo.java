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
		this.server = new MongoServer(backend);
		this.server.bind(new InetSocketAddress("127.0.0.1", 0));
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
