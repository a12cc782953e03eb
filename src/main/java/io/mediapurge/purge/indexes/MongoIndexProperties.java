package io.mediapurge.purge.indexes;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the job may do to the CMS's collections besides purging.
 *
 * @param ensureIndexes create the indexes the job's queries need when they are missing;
 * off by default: the job never builds an index on the CMS's collections unasked, it only
 * names the missing ones
 */
@ConfigurationProperties("media-purge.mongo")
public record MongoIndexProperties(boolean ensureIndexes) {
}
