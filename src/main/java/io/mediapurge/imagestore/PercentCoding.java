package io.mediapurge.imagestore;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Percent-encoding of URL paths (RFC 3986) as S3 reads it: each {@code %XX} is one byte
 * of UTF-8, and, where the store says so, '+' is a space.
 */
final class PercentCoding {

	private PercentCoding() {
	}

	/**
	 * Decodes exactly once, refusing anything S3 would refuse.
	 * @param raw an encoded path
	 * @param plusAsSpace read '+' as a space
	 * @return the decoded text
	 * @throws IllegalArgumentException with the reason, for a truncated or invalid escape
	 * or bytes that are not UTF-8
	 */
	static String decodeStrictly(String raw, boolean plusAsSpace) {
		if (raw.indexOf('%') < 0) {
			return plusAsSpace ? raw.replace('+', ' ') : raw;
		}
		for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
			if (i + 2 >= raw.length()) {
				throw new IllegalArgumentException("truncated percent-encoding in the path");
			}
			if (Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
				throw new IllegalArgumentException("invalid percent-encoding in the path");
			}
		}
		CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			return decode(raw, plusAsSpace, false, utf8);
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException("percent-encoding that is not UTF-8 in the path");
		}
	}

	/**
	 * Decodes once the way a forgiving reader would: valid escapes decoded, anything else
	 * kept as written, bytes that are not UTF-8 replaced.
	 * @param raw an encoded path
	 * @param plusAsSpace read '+' as a space
	 * @param keepEncodedSlash leave {@code %2F} as written, as servers that refuse to
	 * decode it into a path separator do
	 * @return the decoded text
	 */
	static String decodeLeniently(String raw, boolean plusAsSpace, boolean keepEncodedSlash) {
		if (raw.indexOf('%') < 0 && (!plusAsSpace || raw.indexOf('+') < 0)) {
			return raw;
		}
		try {
			return decode(raw, plusAsSpace, keepEncodedSlash, null);
		}
		catch (CharacterCodingException ex) {
			throw new IllegalStateException("a replacing decoder never fails", ex);
		}
	}

	/**
	 * @param utf8 a decoder that reports malformed input, or {@code null} to replace it
	 * (the fast way: this runs for every URL with an escape on the reference side)
	 */
	private static String decode(String raw, boolean plusAsSpace, boolean keepEncodedSlash,
			@Nullable CharsetDecoder utf8) throws CharacterCodingException {
		StringBuilder out = new StringBuilder(raw.length());
		byte[] bytes = new byte[raw.length()];
		int i = 0;
		while (i < raw.length()) {
			char c = raw.charAt(i);
			if (c == '%') {
				int n = 0;
				while (i + 2 < raw.length() && raw.charAt(i) == '%' && isHexPair(raw, i + 1)
						&& !(keepEncodedSlash && isEncodedSlash(raw, i))) {
					bytes[n++] = (byte) ((Character.digit(raw.charAt(i + 1), 16) << 4)
							| Character.digit(raw.charAt(i + 2), 16));
					i += 3;
				}
				if (n > 0) {
					out.append((utf8 != null) ? utf8.reset().decode(ByteBuffer.wrap(bytes, 0, n))
							: new String(bytes, 0, n, StandardCharsets.UTF_8));
					continue;
				}
				out.append(c);
				i++;
			}
			else {
				out.append((plusAsSpace && c == '+') ? ' ' : c);
				i++;
			}
		}
		return out.toString();
	}

	private static boolean isHexPair(String text, int at) {
		return at + 1 < text.length() && Character.digit(text.charAt(at), 16) >= 0
				&& Character.digit(text.charAt(at + 1), 16) >= 0;
	}

	private static boolean isEncodedSlash(String text, int at) {
		return text.charAt(at + 1) == '2' && (text.charAt(at + 2) == 'f' || text.charAt(at + 2) == 'F');
	}

	/**
	 * Encodes a key for a URL path: every byte outside RFC 3986's unreserved characters
	 * and '/' becomes {@code %XX}, so '+' is {@code %2B} and a space {@code %20} whatever
	 * the store reads '+' as.
	 * @param key an object key
	 * @return the encoded path
	 */
	static String encodePath(String key) {
		StringBuilder out = new StringBuilder(key.length() + 16);
		for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~' || c == '/') {
				out.append((char) c);
			}
			else {
				out.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return out.toString();
	}

}
