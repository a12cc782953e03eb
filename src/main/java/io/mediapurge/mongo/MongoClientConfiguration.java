package io.mediapurge.mongo;

import java.util.concurrent.TimeUnit;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * The MongoDB client's server-selection timeout, and the reachability check of a run.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MongoClientProperties.class)
public class MongoClientConfiguration {

	@Bean
	MongoClientSettingsBuilderCustomizer serverSelectionTimeout(MongoClientProperties properties) {
		return new ServerSelectionTimeout(properties.serverSelectionTimeout().toMillis());
	}

	@Bean
	MongoReachability mongoReachability(MongoClient mongoClient, MongoDatabaseFactory mongoDatabaseFactory) {
		return new MongoReachability(mongoClient, mongoDatabaseFactory);
	}

	/**
	 * Runs before Spring Boot applies {@code spring.mongodb.uri}, so that a
	 * {@code serverSelectionTimeoutMS} given there wins.
	 */
	private record ServerSelectionTimeout(long millis) implements MongoClientSettingsBuilderCustomizer, Ordered {

		@Override
		public void customize(MongoClientSettings.Builder builder) {
			builder.applyToClusterSettings(
					(cluster) -> cluster.serverSelectionTimeout(this.millis, TimeUnit.MILLISECONDS));
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
