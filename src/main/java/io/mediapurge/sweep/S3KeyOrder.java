package io.mediapurge.sweep;

import java.util.Comparator;

/**
 * The order in which S3 lists keys: by their UTF-8 bytes, which is the order of their
 * code points (Java's {@code String.compareTo} compares UTF-16 units and differs for keys
 * with characters beyond U+FFFF).
 */
final class S3KeyOrder implements Comparator<String> {

	static final S3KeyOrder INSTANCE = new S3KeyOrder();

	private S3KeyOrder() {
	}

	@Override
	public int compare(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(j);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			j += Character.charCount(cb);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

}
