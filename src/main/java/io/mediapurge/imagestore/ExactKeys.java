package io.mediapurge.imagestore;

import java.nio.charset.StandardCharsets;

/**
 * The one key a reading of a URL names as S3 reads it, for the delete side: each
 * {@code %XX} decoded once, and only when nothing about the path lets a browser, a proxy
 * that decodes twice or S3 read another key (empty, '.' or '..' segments, also encoded,
 * backslashes, control characters, bad percent-encoding, an over-long key).
 */
final class ExactKeys {

	private static final int MAX_KEY_BYTES = 1024;

	private ExactKeys() {
	}

	/**
	 * The key a reading names as S3 reads it, when that is the only key it can name.
	 * @param reading a reading of a URL by one of our bucket's forms
	 * @param plusAsSpace whether '+' in the path is a space
	 * @return the key
	 * @throws IllegalArgumentException with the reason otherwise
	 */
	static String of(UrlReading reading, boolean plusAsSpace) {
		String raw = reading.encodedKey();
		if (raw.isEmpty()) {
			throw new IllegalArgumentException("no object key in the URL");
		}
		String key;
		if (reading.literal()) {
			if (raw.indexOf('%') >= 0) {
				throw new IllegalArgumentException(
						"percent-encoding in an s3:// URI: the key may be meant as written or decoded");
			}
			key = raw;
		}
		else {
			for (String segment : raw.split("/", -1)) {
				if (segment.isEmpty()) {
					throw new IllegalArgumentException("empty path segment");
				}
				if (UrlParts.isDotSegment(segment)) {
					throw new IllegalArgumentException("'.' or '..' path segment");
				}
			}
			key = PercentCoding.decodeStrictly(raw, plusAsSpace);
		}
		if (!isPlainStructure(key)) {
			throw new IllegalArgumentException(
					"the decoded key has an empty, '.' or '..' segment, a backslash, a control character or a character XML cannot carry");
		}
		// a proxy or CDN that decodes twice would read another path
		String twice = PercentCoding.decodeLeniently(key, false, false);
		if (!twice.equals(key) && (count(twice, '/') != count(key, '/') || !isPlainStructure(twice))) {
			throw new IllegalArgumentException(
					"double percent-encoding of a slash, backslash, dot segment or control character");
		}
		if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
			throw new IllegalArgumentException("object key longer than " + MAX_KEY_BYTES + " bytes");
		}
		return key;
	}

	/**
	 * Nothing XML 1.0 cannot carry ({@link XmlKeys}: S3 would refuse the whole
	 * DeleteObjects request that holds such a key), and, stricter, no control character
	 * at all (tab, LF and CR included), no DEL, no backslash, no empty, '.' or '..'
	 * segment.
	 */
	private static boolean isPlainStructure(String key) {
		if (XmlKeys.uncarried(key) != null) {
			return false;
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x20 || c == 0x7f || c == '\\') {
				return false;
			}
		}
		for (String segment : key.split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				return false;
			}
		}
		return true;
	}

	private static int count(String text, char c) {
		int n = 0;
		for (int i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) {
			n++;
		}
		return n;
	}

}
