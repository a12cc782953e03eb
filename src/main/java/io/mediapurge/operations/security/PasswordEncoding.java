package io.mediapurge.operations.security;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

/**
 * The password encoder of the users' stored hashes, which also makes the hash that a
 * sign-in under an unknown name is checked against. Spring Security checks such a sign-in
 * against one hash made at start-up, so that it costs as much as a known user's; that
 * hash must therefore be as costly as the stored ones. Spring's default makes it with
 * bcrypt cost 10 while our hashes have cost 12, which made a wrong password for a real
 * user four times slower than one for a made-up name, and so told which names are real.
 * This encoder makes new hashes with the most costly encoder and cost among the stored
 * hashes.
 */
final class PasswordEncoding {

	private static final Pattern BCRYPT_COST = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$(\\d\\d)\\$.*", Pattern.DOTALL);

	private PasswordEncoding() {
	}

	static PasswordEncoder like(SecurityUsersProperties properties) {
		int bcryptCost = -1;
		String pbkdf2 = null;
		for (SecurityUsersProperties.User user : properties.users()) {
			Matcher bcrypt = BCRYPT_COST.matcher(user.password());
			if (bcrypt.matches()) {
				bcryptCost = Math.max(bcryptCost, Integer.parseInt(bcrypt.group(1)));
			}
			if (user.password().startsWith("{pbkdf2@SpringSecurity_v5_8}")) {
				pbkdf2 = "pbkdf2@SpringSecurity_v5_8";
			}
			else if (pbkdf2 == null && user.password().startsWith("{pbkdf2}")) {
				pbkdf2 = "pbkdf2";
			}
		}
		Map<String, PasswordEncoder> encoders = new HashMap<>();
		encoders.put("bcrypt", new BCryptPasswordEncoder((bcryptCost >= 4) ? bcryptCost : PasswordHash.STRENGTH));
		encoders.put("pbkdf2", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5());
		encoders.put("pbkdf2@SpringSecurity_v5_8", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8());
		encoders.put("noop", NoOpPasswordEncoder.getInstance());
		// bcrypt of the stored cost when any hash is bcrypt (the recommended encoder);
		// clear-text passwords exist only in tests
		String forNewHashes = (bcryptCost >= 0) ? "bcrypt" : (pbkdf2 != null) ? pbkdf2 : "noop";
		return new DelegatingPasswordEncoder(forNewHashes, encoders);
	}

}
