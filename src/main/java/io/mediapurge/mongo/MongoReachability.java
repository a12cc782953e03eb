package io.mediapurge.mongo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ClusterSettings;
import com.mongodb.connection.ServerDescription;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * Fails a run at once, before anything else touches MongoDB, when no server answers: one
 * {@code ping} of the CMS's database, which waits at most the server-selection timeout
 * ({@link MongoClientProperties#serverSelectionTimeout()}). Without it each index check
 * and then the blast-radius guard waited that long in turn, and the run failed minutes
 * later with the driver's own exception. The message names the servers, why each did not
 * answer, the time waited and the setting; nothing was read or changed.
 */
public class MongoReachability implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(MongoReachability.class);

	private static final String SETTING = "media-purge.mongo.server-selection-timeout, "
			+ "or serverSelectionTimeoutMS in spring.mongodb.uri";

	private final MongoClient client;

	private final MongoDatabaseFactory databases;

	public MongoReachability(MongoClient client, MongoDatabaseFactory databases) {
		this.client = client;
		this.databases = databases;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		check();
	}

	/**
	 * @throws MongoUnreachableException when no server answered within the
	 * server-selection timeout
	 */
	public void check() {
		try {
			this.databases.getMongoDatabase().runCommand(new Document("ping", 1));
		}
		catch (MongoTimeoutException | MongoSocketException ex) {
			// the message says it all; the driver's exception only for whoever debugs
			logger.debug("MongoDB did not answer a ping", ex);
			throw new MongoUnreachableException(describe(this.client.getClusterDescription()));
		}
	}

	private static String describe(ClusterDescription cluster) {
		ClusterSettings settings = cluster.getClusterSettings();
		List<String> servers = cluster.getServerDescriptions().stream().map(MongoReachability::server).toList();
		if (servers.isEmpty()) {
			servers = (settings.getSrvHost() != null) ? List.of(settings.getSrvHost() + " (SRV)")
					: settings.getHosts().stream().map(String::valueOf).toList();
		}
		Duration timeout = Duration.ofMillis(settings.getServerSelectionTimeout(TimeUnit.MILLISECONDS));
		return "MongoDB is unreachable: no server of " + String.join(", ", servers) + " answered within "
				+ seconds(timeout) + " (" + SETTING + "). Nothing was read or changed; restart this execution once "
				+ "MongoDB answers.";
	}

	private static String server(ServerDescription server) {
		String why = rootMessage(server.getException());
		return server.getAddress() + ((why != null) ? " (" + why + ")" : "");
	}

	private static @Nullable String rootMessage(@Nullable Throwable failure) {
		Throwable root = failure;
		while (root != null && root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root != null) ? root.getMessage() : null;
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

}
