package io.mediapurge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class NetworkProfileTests {

	@Test
	void aProfileIsFoundByName() {
		assertThat(NetworkProfile.named("in-region")).isSameAs(NetworkProfile.IN_REGION);
	}

	@Test
	void overridesChangeOnlyTheDelaysTheyName() {
		NetworkProfile profile = NetworkProfile.named("in-region:mongo=0+slowdown=7000");

		assertThat(profile.name()).isEqualTo("in-region:mongo=0+slowdown=7000");
		assertThat(profile.mongoMicros()).isZero();
		assertThat(profile.s3KeysPerSecondPerPrefix()).isEqualTo(7_000);
		assertThat(profile.s3FixedMicros()).isEqualTo(NetworkProfile.IN_REGION.s3FixedMicros());
		assertThat(profile.s3PerKeyMicros()).isEqualTo(NetworkProfile.IN_REGION.s3PerKeyMicros());
		assertThat(NetworkProfile.named("loopback:s3=0.5").s3FixedMicros()).isEqualTo(500);
	}

	@Test
	void badOverridesAreRefusedWithTheirName() {
		assertThatIllegalArgumentException().isThrownBy(() -> NetworkProfile.named("in-region:latency=3"))
			.withMessageContaining("latency=3");
		assertThatIllegalArgumentException().isThrownBy(() -> NetworkProfile.named("in-region:mongo=fast"))
			.withMessageContaining("mongo=fast");
		assertThatIllegalArgumentException().isThrownBy(() -> NetworkProfile.named("on-mars:mongo=0"))
			.withMessageContaining("unknown network profile 'on-mars'");
	}

}
