package io.mediapurge.operations.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

import io.mediapurge.support.TestServers;

/**
 * The CMS database's health tells the truth both ways: UP when it answers, DOWN when it
 * does not.
 */
class CmsDatabaseHealthIndicatorTests {

	@Test
	void upWhenTheDatabaseAnswersPing() {
		try (MongoClient client = MongoClients.create(TestServers.mongo().uri("cms"))) {
			Health health = new CmsDatabaseHealthIndicator(new SimpleMongoClientDatabaseFactory(client, "cms"))
				.health(true);

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("database", "cms");
		}
	}

	@Test
	void downWhenNothingAnswers() {
		MongoClientSettings settings = MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString("mongodb://127.0.0.1:1/cms"))
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
			.build();
		try (MongoClient client = MongoClients.create(settings)) {
			Health health = new CmsDatabaseHealthIndicator(new SimpleMongoClientDatabaseFactory(client, "cms"))
				.health(true);

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		}
	}

}
