package io.mediapurge.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.springframework.data.mongodb.core.CollectionCallback;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Records the read preference of each collection a read is made on, on an in-process
 * server of its own reached through a connection string that asks for reads from
 * secondaries ({@code secondaryPreferred}, common for batch jobs).
 */
public final class ReadPreferenceRecordingTemplate extends MongoTemplate implements AutoCloseable {

	public final List<ReadPreference> readPreferences = new CopyOnWriteArrayList<>();

	private final EmbeddedMongo server;

	private final MongoClient client;

	private ReadPreferenceRecordingTemplate(EmbeddedMongo server, MongoClient client) {
		super(client, "cms");
		this.server = server;
		this.client = client;
	}

	/**
	 * @return a template on database {@code cms} of a new in-process server, whose
	 * client's default read preference is {@code secondaryPreferred}
	 */
	public static ReadPreferenceRecordingTemplate secondaryPreferred() {
		EmbeddedMongo server = new EmbeddedMongo();
		return new ReadPreferenceRecordingTemplate(server,
				MongoClients.create(server.uri("cms") + "?readPreference=secondaryPreferred"));
	}

	@Override
	public void close() {
		this.client.close();
		this.server.close();
	}

	@Override
	public <T> T execute(String collectionName, CollectionCallback<T> callback) {
		return super.execute(collectionName, collection -> callback.doInCollection(spy(collection)));
	}

	/**
	 * The collection, recording its read preference at each {@code find}, also when
	 * reached through {@code with...} copies of it.
	 */
	@SuppressWarnings("unchecked")
	private MongoCollection<Document> spy(MongoCollection<Document> collection) {
		return (MongoCollection<Document>) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { MongoCollection.class }, (proxy, method, args) -> {
					if (method.getName().equals("find")) {
						this.readPreferences.add(collection.getReadPreference());
					}
					Object result;
					try {
						result = method.invoke(collection, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
					return (method.getName().startsWith("with") && result instanceof MongoCollection<?> copy)
							? spy((MongoCollection<Document>) copy) : result;
				});
	}

}
