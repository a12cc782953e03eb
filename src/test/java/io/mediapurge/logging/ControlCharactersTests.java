package io.mediapurge.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlCharactersTests {

	@Test
	void lineBreaksAndOtherControlCharactersAreEscaped() {
		assertThat(ControlCharacters.escape("g-1\r\n2026-01-01 ERROR forged\tline"))
			.isEqualTo("g-1\\r\\n2026-01-01 ERROR forged\\tline");
		assertThat(ControlCharacters.escape("esc\u001b[31mred\u0000nul\u0085nel"))
			.isEqualTo("esc\\u001b[31mred\\u0000nul\\u0085nel");
	}

	@Test
	void unicodeLineSeparatorsAndBidirectionalOverridesAreEscaped() {
		assertThat(ControlCharacters.escape("a\u2028b\u2029c\u202ed\u2066e"))
			.isEqualTo("a\\u2028b\\u2029c\\u202ed\\u2066e");
	}

	@Test
	void ordinaryTextIsKeptAsItIs() {
		String text = "gallery g-42: https://cdn.example.com/media/a b+c%2F\\d.jpg (ünïcödé, 日本)";
		assertThat(ControlCharacters.escape(text)).isSameAs(text);
	}

}
