package io.mediapurge.operations.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.mediapurge.MediaPurgeApplication;
import io.mediapurge.support.TestServers;

/**
 * The long-running mode does not start without users, nor with a password stored in
 * clear, and says why without showing the password.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerModeStartupIntegrationTests {

	@Test
	void refusesToStartWithoutUsers(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start())
			.satisfies((ex) -> assertThat(messages(ex)).contains("no user is configured",
					"media-purge.security.users[n].username"));
		assertThat(output).contains("no user is configured");
	}

	@Test
	void refusesToStartWithAPasswordInClearWithoutShowingIt(CapturedOutput output) {
		String secret = UUID.randomUUID().toString();

		assertThatException().isThrownBy(() -> start("--media-purge.security.users[0].username=olivia",
				"--media-purge.security.users[0].password=" + secret, "--media-purge.security.users[0].role=OPERATOR"))
			.satisfies((ex) -> assertThat(messages(ex)).contains("media-purge.security.users[0].password",
					"not an encoded password"));
		assertThat(output).doesNotContain(secret);
	}

	private static void start(String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.profiles.active=server", "--server.port=0",
				"--management.server.port=0", "--media-purge.schedule.enabled=false",
				"--spring.datasource.url=jdbc:h2:mem:startup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--spring.mongodb.uri=" + TestServers.mongo().uri("cms"),
				"--media-purge.s3.endpoint=" + TestServers.s3().endpoint(),
				"--media-purge.s3.bucket=" + TestServers.BUCKET, "--media-purge.s3.path-style=true"));
		args.addAll(List.of(extra));
		SpringApplication.run(MediaPurgeApplication.class, args.toArray(String[]::new)).close();
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
