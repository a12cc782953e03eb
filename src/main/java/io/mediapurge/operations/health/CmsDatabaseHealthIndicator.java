package io.mediapurge.operations.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * Health of the CMS database the job reads and deletes from: UP when it answers
 * {@code ping}, DOWN (with the error) when it does not. Spring Boot's own MongoDB
 * indicator asks every database of the server for {@code hello}, which the in-process
 * MongoDB server of the local demo does not know, so it reported DOWN while the job ran
 * fine; {@code ping} is answered by MongoDB and by that server alike, and asks only the
 * database the job uses.
 */
class CmsDatabaseHealthIndicator extends AbstractHealthIndicator {

	private final MongoDatabaseFactory databases;

	CmsDatabaseHealthIndicator(MongoDatabaseFactory databases) {
		super("The CMS database did not answer ping");
		this.databases = databases;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Document answer = this.databases.getMongoDatabase().runCommand(new Document("ping", 1));
		Object ok = answer.get("ok");
		builder.withDetail("database", this.databases.getMongoDatabase().getName());
		if (ok instanceof Number number && number.doubleValue() == 1.0) {
			builder.up();
		}
		else {
			builder.down().withDetail("answer", answer.toJson());
		}
	}

}
