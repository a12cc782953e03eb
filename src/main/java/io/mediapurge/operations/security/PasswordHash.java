package io.mediapurge.operations.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Prints the {@code {bcrypt}} hash of a password, for
 * {@code media-purge.security.users[n].password}. Reads the password from the console
 * without echoing it (twice), or from the first line of standard input; never from the
 * command line, so it stays out of the shell's history:
 *
 * <pre>
 * java -cp media-purge.jar -Dloader.main=io.mediapurge.operations.security.PasswordHash \
 *     org.springframework.boot.loader.launch.PropertiesLauncher
 * </pre>
 */
public final class PasswordHash {

	/** The bcrypt cost: 2^12 rounds, a fraction of a second per sign-in. */
	static final int STRENGTH = 12;

	private PasswordHash() {
	}

	public static void main(String[] args) throws IOException {
		char[] password = read();
		if (password.length == 0) {
			System.err.println("No password given");
			System.exit(1);
		}
		try {
			System.out.println(hash(password));
		}
		finally {
			Arrays.fill(password, '\0');
		}
	}

	static String hash(char[] password) {
		return "{bcrypt}" + new BCryptPasswordEncoder(STRENGTH).encode(CharBuffer.wrap(password));
	}

	private static char[] read() throws IOException {
		Console console = System.console();
		if (console == null) {
			String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			return (line != null) ? line.toCharArray() : new char[0];
		}
		char[] password = console.readPassword("Password: ");
		char[] again = console.readPassword("Same password again: ");
		if (password == null || !Arrays.equals(password, again)) {
			System.err.println("The passwords differ");
			System.exit(1);
		}
		if (again != null) {
			Arrays.fill(again, '\0');
		}
		return password;
	}

}
