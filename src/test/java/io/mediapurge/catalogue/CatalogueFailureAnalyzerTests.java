package io.mediapurge.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.mediapurge.MediaPurgeApplication;
import io.mediapurge.operations.cli.ExitCodes;

/**
 * A mistake in a content-type spec stops start-up with what is wrong and where, and
 * nothing of the binder underneath.
 */
@ExtendWith(OutputCaptureExtension.class)
class CatalogueFailureAnalyzerTests {

	@Test
	void aMisspeltFieldIsReportedWithItsFileAndLineAndNoBinderNoise(CapturedOutput output) {
		int exitCode = MediaPurgeApplication.run(new String[] { "dryRun=true",
				"--media-purge.catalogue.location=classpath:catalogue/invalid/misspelt-image-paths.yaml",
				"--media-purge.s3.bucket=media", "--spring.datasource.url=jdbc:h2:mem:catalogue-failure" });

		assertThat(exitCode).isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("misspelt-image-paths.yaml has unknown fields: 'image-path[0]'")
			.contains("- 6:5)")
			.contains("Correct the content-type spec named above")
			.doesNotContain("Bindable@")
			.doesNotContain("Binding to target");
	}

}
