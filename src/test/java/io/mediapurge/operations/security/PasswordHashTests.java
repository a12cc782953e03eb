package io.mediapurge.operations.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import io.mediapurge.operations.security.SecurityUsersProperties.User;

/**
 * The hash {@link PasswordHash} prints is one {@code media-purge.security.users} takes
 * and signs in with.
 */
class PasswordHashTests {

	@Test
	void printsABcryptHashTheUsersAccept() {
		String password = UUID.randomUUID().toString();

		String hash = PasswordHash.hash(password.toCharArray());

		assertThat(hash).startsWith("{bcrypt}$2a$12$").doesNotContain(password);
		String stored = UserAccounts.of(new SecurityUsersProperties(List.of(new User("olivia", hash, Role.OPERATOR))))
			.loadUserByUsername("olivia")
			.getPassword();
		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches(password, stored)).isTrue();
	}

}
