package io.mediapurge.operations.security;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The users of the long-running mode's API and dashboard, bound and validated only in
 * that mode. Passwords are stored encoded ({@code {bcrypt}$2a$12$...}): see the README
 * for how to make a hash. They are checked, never logged.
 *
 * @param users who may sign in; at least one
 */
@ConfigurationProperties("media-purge.security")
@Validated
public record SecurityUsersProperties(@NotEmpty(message = "no user is configured: the long-running mode serves "
		+ "its API and dashboard only to the users of media-purge.security.users[n].username, .password "
		+ "(encoded, e.g. {bcrypt}...) and .role (VIEWER or OPERATOR); see the README") @Nullable List<@Valid User> users) {

	public SecurityUsersProperties {
		users = (users != null) ? List.copyOf(users) : List.of();
	}

	/**
	 * One user.
	 *
	 * @param username the name to sign in with
	 * @param password the password, encoded with a {@code {id}} prefix:
	 * {@code {bcrypt}...} (or {@code {pbkdf2}...}; {@code {noop}...} for tests only)
	 * @param role {@code VIEWER} or {@code OPERATOR}
	 */
	public record User(@NotBlank String username, @NotBlank String password, @NotNull Role role) {

		@Override
		public String toString() {
			// never a password in a log line
			return "User[username=" + this.username + ", role=" + this.role + "]";
		}

	}

}
