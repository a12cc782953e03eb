package io.mediapurge.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each command starts only what it needs, decided from its arguments alone.
 */
class CommandLineModeTests {

	@ParameterizedTest
	@CsvSource({ "executions help, NOTHING", "executions help --spring.datasource.url=x, NOTHING",
			"executions, NOTHING", "executions frobnicate, NOTHING", "executions help me, NOTHING",
			"executions list, REPOSITORY_ONLY", "executions list limit=5, REPOSITORY_ONLY",
			"executions show 3, REPOSITORY_ONLY", "--spring.datasource.url=x executions plan 3, REPOSITORY_ONLY",
			"executions stop 3, REPOSITORY_ONLY", "executions recover 3, REPOSITORY_ONLY",
			"executions abandon 3, REPOSITORY_ONLY", "executions start, APPLICATION",
			"executions restart 3, APPLICATION", "dryRun=true, APPLICATION", "'', APPLICATION",
			"--spring.profiles.active=server, APPLICATION", "sweep list, REPOSITORY_ONLY",
			"sweep show 3 format=json, REPOSITORY_ONLY", "sweep plan prefixes=a/, APPLICATION",
			"sweep apply 3, APPLICATION", "sweep restart 3, APPLICATION", "sweep, NOTHING", "sweep help, NOTHING",
			"sweep dance, NOTHING" })
	void eachCommandNeedsOnlyWhatItUses(String arguments, CommandLineMode mode) {
		String[] args = arguments.isEmpty() ? new String[0] : arguments.split(" ");

		assertThat(CommandLineMode.of(args)).isEqualTo(mode);
	}

}
