package io.mediapurge.operations.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Turns {@code media-purge.security.users} into the users Spring Security knows, after
 * checking that every password is stored encoded with an encoder this application has.
 * The messages name the user and the property, never the value.
 */
final class UserAccounts {

	private static final Logger logger = LoggerFactory.getLogger(UserAccounts.class);

	private static final Pattern ENCODED = Pattern.compile("\\{([^}]*)}(.+)", Pattern.DOTALL);

	private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}");

	/** Encoders of the delegating password encoder that need nothing beyond the JDK. */
	private static final Set<String> SUPPORTED = Set.of("bcrypt", "pbkdf2", "pbkdf2@SpringSecurity_v5_8", "noop");

	private UserAccounts() {
	}

	static InMemoryUserDetailsManager of(SecurityUsersProperties properties) {
		List<UserDetails> users = new ArrayList<>();
		Set<String> names = new HashSet<>();
		List<SecurityUsersProperties.User> configured = properties.users();
		for (int i = 0; i < configured.size(); i++) {
			SecurityUsersProperties.User user = configured.get(i);
			String property = "media-purge.security.users[" + i + "]";
			if (!names.add(user.username())) {
				throw new IllegalStateException(
						property + ".username: the user '" + user.username() + "' is configured twice");
			}
			checkEncoded(property + ".password", user);
			users.add(User.withUsername(user.username()).password(user.password()).roles(user.role().name()).build());
		}
		logger.info("The API and dashboard accept {} user(s): {}", users.size(), configured);
		return new InMemoryUserDetailsManager(users);
	}

	private static void checkEncoded(String property, SecurityUsersProperties.User user) {
		Matcher matcher = ENCODED.matcher(user.password());
		String problem = null;
		if (!matcher.matches()) {
			problem = "is not an encoded password: store a hash prefixed with its encoder, e.g. {bcrypt}$2a$12$... "
					+ "(see the README for how to make one)";
		}
		else if (!SUPPORTED.contains(matcher.group(1))) {
			problem = "uses the encoder {" + matcher.group(1) + "}; supported: {bcrypt}, {pbkdf2}, {noop} (tests only)";
		}
		else if (matcher.group(1).equals("bcrypt") && !BCRYPT.matcher(matcher.group(2)).matches()) {
			problem = "is not a well-formed bcrypt hash ($2a$, $2b$ or $2y$, cost, 53 characters)";
		}
		if (problem != null) {
			throw new IllegalStateException(property + " (user '" + user.username() + "') " + problem);
		}
		if (matcher.group(1).equals("noop")) {
			logger.warn("User '{}' has an unencoded {noop} password: store a {bcrypt} hash instead (see the README)",
					user.username());
		}
	}

}
