package io.mediapurge.operations.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import io.mediapurge.operations.security.SecurityUsersProperties.User;

/**
 * The users of {@code media-purge.security.users}: roles, encoded passwords only, and
 * messages that name the property and the user but never the password.
 */
class UserAccountsTests {

	private final String secret = UUID.randomUUID().toString();

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void bcryptAndPbkdf2HashesSignUsersInWithTheirRoles() {
		String bcrypt = this.encoder.encode(this.secret);
		String pbkdf2 = "{pbkdf2@SpringSecurity_v5_8}"
				+ Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(this.secret);
		assertThat(bcrypt).startsWith("{bcrypt}$2a$");
		InMemoryUserDetailsManager users = UserAccounts
			.of(new SecurityUsersProperties(List.of(new User("olivia", bcrypt, Role.OPERATOR),
					new User("victor", "{noop}" + this.secret, Role.VIEWER), new User("pat", pbkdf2, Role.VIEWER))));

		assertThat(users.loadUserByUsername("olivia").getAuthorities()).extracting(Object::toString)
			.containsExactly("ROLE_OPERATOR");
		assertThat(users.loadUserByUsername("victor").getAuthorities()).extracting(Object::toString)
			.containsExactly("ROLE_VIEWER");
		assertThat(this.encoder.matches(this.secret, users.loadUserByUsername("olivia").getPassword())).isTrue();
		assertThat(this.encoder.matches(this.secret, users.loadUserByUsername("victor").getPassword())).isTrue();
		assertThat(this.encoder.matches(this.secret, users.loadUserByUsername("pat").getPassword())).isTrue();
		assertThat(this.encoder.matches("guess", users.loadUserByUsername("olivia").getPassword())).isFalse();
	}

	@Test
	void aPasswordThatIsNotEncodedIsRefusedWithoutShowingIt() {
		assertThatIllegalStateException()
			.isThrownBy(() -> UserAccounts
				.of(new SecurityUsersProperties(List.of(new User("olivia", this.secret, Role.OPERATOR)))))
			.withMessageContaining("media-purge.security.users[0].password")
			.withMessageContaining("'olivia'")
			.withMessageContaining("not an encoded password")
			.withMessageNotContaining(this.secret);
	}

	@Test
	void aMalformedBcryptHashOrAnEncoderThisApplicationLacksIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> UserAccounts
				.of(new SecurityUsersProperties(List.of(new User("olivia", "{bcrypt}" + this.secret, Role.OPERATOR)))))
			.withMessageContaining("not a well-formed bcrypt hash")
			.withMessageNotContaining(this.secret);
		assertThatIllegalStateException()
			.isThrownBy(() -> UserAccounts
				.of(new SecurityUsersProperties(List.of(new User("olivia", "{MD5}" + this.secret, Role.OPERATOR)))))
			.withMessageContaining("{MD5}")
			.withMessageNotContaining(this.secret);
	}

	@Test
	void aUserConfiguredTwiceIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> UserAccounts
				.of(new SecurityUsersProperties(List.of(new User("olivia", "{noop}" + this.secret, Role.OPERATOR),
						new User("olivia", "{noop}" + this.secret, Role.VIEWER)))))
			.withMessageContaining("media-purge.security.users[1].username")
			.withMessageContaining("configured twice");
	}

	@Test
	void aUserNeverShowsItsPasswordInALogLine() {
		assertThat(new User("olivia", "{noop}" + this.secret, Role.OPERATOR).toString()).contains("olivia")
			.contains("OPERATOR")
			.doesNotContain(this.secret);
	}

}
