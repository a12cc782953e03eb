package io.mediapurge.operations.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mediapurge.operations.launch.InvalidLaunchArgumentsException;

/**
 * The {@code name=value} and id arguments of the command line, refused unless each is
 * known, given once and well formed.
 */
final class Arguments {

	private static final int MAX_LIMIT = 1000;

	private Arguments() {
	}

	/**
	 * @return the {@code name=value} arguments, each known and given at most once
	 */
	static Map<String, String> options(List<String> arguments, Set<String> known) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String argument : arguments) {
			int equals = argument.indexOf('=');
			String name = (equals > 0) ? argument.substring(0, equals) : argument;
			if (equals <= 0 || !known.contains(name)) {
				throw new InvalidLaunchArgumentsException("Unknown argument '" + argument + "'"
						+ (known.isEmpty() ? "" : "; accepted here: " + String.join("=..., ", known) + "=..."));
			}
			if (options.put(name, argument.substring(equals + 1)) != null) {
				throw new InvalidLaunchArgumentsException("Argument '" + name + "' given twice");
			}
		}
		return options;
	}

	/**
	 * @return the execution id that is the first argument; the others must be among
	 * {@code known}
	 */
	static long id(String subcommand, List<String> arguments) {
		if (arguments.isEmpty() || arguments.get(0).contains("=")) {
			throw new InvalidLaunchArgumentsException(
					"'executions " + subcommand + "' takes an execution id, got " + arguments);
		}
		try {
			long id = Long.parseLong(arguments.get(0));
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new InvalidLaunchArgumentsException("'" + arguments.get(0) + "' is not an execution id");
	}

	static long onlyId(String subcommand, List<String> arguments) {
		if (arguments.size() != 1) {
			throw new InvalidLaunchArgumentsException(
					"'executions " + subcommand + "' takes exactly one execution id, got " + arguments);
		}
		return id(subcommand, arguments);
	}

	static int limit(String value) {
		try {
			int limit = Integer.parseInt(value);
			if (limit >= 1 && limit <= MAX_LIMIT) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new InvalidLaunchArgumentsException(
				"limit must be a number from 1 to " + MAX_LIMIT + ", got '" + value + "'");
	}

}
