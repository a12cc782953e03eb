package io.mediapurge.operations.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash a sign-in under an unknown name is checked against is made like the stored
 * ones, so that it costs as much as a real user's.
 */
class PasswordEncodingTests {

	@Test
	void newHashesHaveTheCostOfTheStoredBcryptHashes() {
		assertThat(encodeWith("{bcrypt}$2a$12$", "{bcrypt}$2a$12$")).startsWith("{bcrypt}$2a$12$");
		assertThat(encodeWith("{bcrypt}$2a$10$", "{bcrypt}$2y$13$")).startsWith("{bcrypt}$2a$13$");
	}

	@Test
	void storedPbkdf2HashesGivePbkdf2Hashes() {
		assertThat(encodeWith("{pbkdf2@SpringSecurity_v5_8}")).startsWith("{pbkdf2@SpringSecurity_v5_8}");
	}

	@Test
	void theStoredHashesStillMatch() {
		String hash = PasswordHash.hash("s3cret".toCharArray());
		SecurityUsersProperties users = new SecurityUsersProperties(
				List.of(new SecurityUsersProperties.User("kim", hash, Role.VIEWER)));

		assertThat(PasswordEncoding.like(users).matches("s3cret", hash)).isTrue();
		assertThat(PasswordEncoding.like(users).matches("s3cret", "{noop}s3cret")).isTrue();
	}

	private static String encodeWith(String... prefixes) {
		List<SecurityUsersProperties.User> users = new java.util.ArrayList<>();
		for (String prefix : prefixes) {
			users.add(new SecurityUsersProperties.User("u" + users.size(), prefix + "x".repeat(53), Role.VIEWER));
		}
		return PasswordEncoding.like(new SecurityUsersProperties(users)).encode("userNotFoundPassword");
	}

}
