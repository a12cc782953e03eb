package io.mediapurge.sweep.inventory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The object keys and ETags of a CSV inventory as a listing shows them. S3 Inventory
 * writes a CSV key URL-encoded the way HTML forms are: a space as '+', a '+' of the key
 * as {@code %2B}, every other byte outside letters, digits and {@code .-_*} as
 * {@code %XX} of its UTF-8. It writes the ETag without the double quotes ListObjectsV2
 * answers it with.
 */
final class InventoryKeys {

	private InventoryKeys() {
	}

	/**
	 * Decodes exactly once: '+' is a space, each {@code %XX} one byte of UTF-8.
	 * @param encoded a key as the inventory writes it
	 * @return the object key
	 * @throws IllegalArgumentException with the reason, for a truncated or invalid
	 * escape, bytes that are not UTF-8, or an empty key
	 */
	static String decode(String encoded) {
		if (encoded.isEmpty()) {
			throw new IllegalArgumentException("an empty key");
		}
		if (encoded.indexOf('%') < 0) {
			return encoded.replace('+', ' ');
		}
		StringBuilder key = new StringBuilder(encoded.length());
		byte[] run = new byte[encoded.length() / 3];
		int i = 0;
		while (i < encoded.length()) {
			char c = encoded.charAt(i);
			if (c != '%') {
				key.append((c == '+') ? ' ' : c);
				i++;
				continue;
			}
			// a run of escapes is one sequence of UTF-8 bytes
			int n = 0;
			while (i < encoded.length() && encoded.charAt(i) == '%') {
				int high = (i + 2 < encoded.length()) ? Character.digit(encoded.charAt(i + 1), 16) : -1;
				int low = (high >= 0) ? Character.digit(encoded.charAt(i + 2), 16) : -1;
				if (high < 0 || low < 0) {
					throw new IllegalArgumentException(
							"an invalid percent-encoding at character " + (i + 1) + " of key '" + encoded + "'");
				}
				run[n++] = (byte) ((high << 4) | low);
				i += 3;
			}
			try {
				key.append(StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(run, 0, n)));
			}
			catch (CharacterCodingException ex) {
				throw new IllegalArgumentException("a percent-encoding that is not UTF-8 in key '" + encoded + "'");
			}
		}
		return key.toString();
	}

	/**
	 * @param eTag an ETag as the inventory writes it, without quotes
	 * @return the ETag as ListObjectsV2 answers it, in double quotes, so that the apply
	 * finds an unchanged object unchanged
	 */
	static String listingETag(String eTag) {
		return "\"" + eTag + "\"";
	}

}
