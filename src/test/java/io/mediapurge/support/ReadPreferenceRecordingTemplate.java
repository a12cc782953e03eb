package io.mediapurge.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.springframework.data.mongodb.core.CollectionCallback;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Records the read preference of each collection a read is made on. */
public final class ReadPreferenceRecordingTemplate extends MongoTemplate {

	public final List<ReadPreference> readPreferences = new CopyOnWriteArrayList<>();

	public ReadPreferenceRecordingTemplate(MongoClient client, String database) {
		super(client, database);
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
