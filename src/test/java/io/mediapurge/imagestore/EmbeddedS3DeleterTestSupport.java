package io.mediapurge.imagestore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.mediapurge.support.EmbeddedS3;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * A fresh in-process S3 server with the bucket {@code media} for each test of the
 * deleter, and a client that never retries on its own, so that every retry a test sees is
 * the deleter's.
 */
abstract class EmbeddedS3DeleterTestSupport {

	protected EmbeddedS3 s3;

	protected S3Client client;

	@BeforeEach
	void startS3() throws Exception {
		this.s3 = new EmbeddedS3("media");
		this.client = this.s3.newClientWithoutRetries();
	}

	@AfterEach
	void stopS3() throws Exception {
		this.client.close();
		this.s3.close();
	}

}
