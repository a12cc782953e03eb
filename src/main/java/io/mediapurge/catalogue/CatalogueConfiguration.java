package io.mediapurge.catalogue;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * Loads the content catalogue at start-up, so a spec with a mistake stops the application
 * before anything runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogueProperties.class)
public class CatalogueConfiguration {

	@Bean
	ContentCatalogue contentCatalogue(CatalogueProperties properties, ResourceLoader resourceLoader) {
		return new ContentCatalogueLoader(ResourcePatternUtils.getResourcePatternResolver(resourceLoader))
			.load(properties.location());
	}

}
