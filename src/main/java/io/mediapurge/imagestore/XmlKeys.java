package io.mediapurge.imagestore;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Which keys a DeleteObjects request body can name. The body is XML 1.0, which cannot
 * carry U+FFFE, U+FFFF, a surrogate without its pair or a control character other than
 * tab, LF and CR, not even as a character reference. S3 stores such keys (a key is any
 * UTF-8), but refuses the whole request that holds one ({@code MalformedXML}), and the
 * SDK writes a lone surrogate as '?', which names another key.
 */
final class XmlKeys {

	private XmlKeys() {
	}

	/**
	 * @param key an object key
	 * @return why no DeleteObjects request can name the key, or {@code null} when one can
	 */
	static @Nullable String uncarried(String key) {
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
				i++;
				continue;
			}
			boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
			if (control || c == 0xfffe || c == 0xffff || Character.isSurrogate(c)) {
				return "the key holds " + String.format(Locale.ROOT, "U+%04X", (int) c) + " at character " + (i + 1)
						+ ", which XML 1.0 cannot carry: no DeleteObjects request can name it";
			}
		}
		return null;
	}

}
