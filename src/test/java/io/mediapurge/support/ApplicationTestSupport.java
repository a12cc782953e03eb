package io.mediapurge.support;

import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import io.mediapurge.operations.launch.ExecutionControl;
import io.mediapurge.operations.launch.PurgeLauncher;

/**
 * Base of the tests that run the application on the in-process MongoDB and S3 servers
 * ({@link TestServers}): the beans they use most, and every CMS collection and the bucket
 * emptied before each test (a subclass's own {@code @BeforeEach} runs after it, so it can
 * seed). Each subclass chooses its job repository and mode with its own
 * {@code @SpringBootTest}, and registers the servers in its own
 * {@code @DynamicPropertySource} ({@link TestServers#register}) before its own settings:
 * Spring calls a superclass's after the subclass's, so the servers' defaults would win.
 */
public abstract class ApplicationTestSupport {

	/** The collections of the sample content types. */
	public static final List<String> COLLECTIONS = List.of("galleries", "articles", "theater_releases", "ott_releases");

	@Autowired
	protected PurgeLauncher launcher;

	@Autowired
	protected ExecutionControl control;

	@Autowired
	protected MongoTemplate mongo;

	@Autowired
	protected JdbcTemplate jdbc;

	protected final EmbeddedS3 s3 = TestServers.s3();

	@BeforeEach
	void emptyStores() {
		COLLECTIONS.forEach((collection) -> this.mongo.getCollection(collection).deleteMany(new Document()));
		this.s3.clear();
	}

}
