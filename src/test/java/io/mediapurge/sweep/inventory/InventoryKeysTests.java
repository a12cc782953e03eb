package io.mediapurge.sweep.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inventory keys are URL-encoded as HTML forms are: a '+' is a space, a '+' of the key
 * comes as %2B. Decoding them any other way names another object.
 */
class InventoryKeysTests {

	@Test
	void aPlusIsASpaceAndAnEncodedPlusIsAPlus() {
		assertThat(InventoryKeys.decode("galleries/summer+party.jpg")).isEqualTo("galleries/summer party.jpg");
		assertThat(InventoryKeys.decode("galleries/c%2B%2B.jpg")).isEqualTo("galleries/c++.jpg");
		assertThat(InventoryKeys.decode("galleries/a+b%2Bc.jpg")).isEqualTo("galleries/a b+c.jpg");
		assertThat(InventoryKeys.decode("galleries/100%25.jpg")).isEqualTo("galleries/100%.jpg");
	}

	@Test
	void escapesAreBytesOfUtf8() {
		assertThat(InventoryKeys.decode("galleries/caf%C3%A9.jpg")).isEqualTo("galleries/café.jpg");
		assertThat(InventoryKeys.decode("galleries/%F0%9F%98%80%2F.jpg")).isEqualTo("galleries/😀/.jpg");
		assertThat(InventoryKeys.decode("galleries/%e2%82%ac")).isEqualTo("galleries/€");
	}

	@ParameterizedTest
	@ValueSource(strings = { "galleries/a b+c.jpg", "galleries/c++ & 50%/é😀 \"q\",x.jpg", "a/~*._-()!'" })
	void decodingUndoesFormEncoding(String key) {
		// URLEncoder writes the form encoding S3 Inventory uses
		assertThat(InventoryKeys.decode(URLEncoder.encode(key, StandardCharsets.UTF_8))).isEqualTo(key);
	}

	@ParameterizedTest
	@ValueSource(strings = { "galleries/%G1.jpg", "galleries/a%4", "galleries/a%", "galleries/%C3.jpg",
			"galleries/%FF%FE.jpg", "" })
	void anEscapeThatIsNotUtf8IsRefused(String encoded) {
		assertThatIllegalArgumentException().isThrownBy(() -> InventoryKeys.decode(encoded));
	}

	@Test
	void eTagsAreQuotedAsAListingAnswersThem() {
		assertThat(InventoryKeys.listingETag("d41d8cd98f00b204e9800998ecf8427e"))
			.isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
		assertThat(InventoryKeys.listingETag("a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3-12"))
			.isEqualTo("\"a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3-12\"");
	}

}
