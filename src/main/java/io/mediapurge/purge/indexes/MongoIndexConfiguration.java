package io.mediapurge.purge.indexes;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

import io.mediapurge.catalogue.ContentCatalogue;

/**
 * The start-up check of the indexes the job needs on the CMS's collections.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MongoIndexProperties.class)
public class MongoIndexConfiguration {

	@Bean
	MongoIndexCheck mongoIndexCheck(MongoOperations mongo, ContentCatalogue catalogue,
			MongoIndexProperties properties) {
		return new MongoIndexCheck(mongo, catalogue, properties.ensureIndexes());
	}

}
