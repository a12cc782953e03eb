package io.mediapurge.imagestore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a key as URLs the way CMSs, consoles and people write them, for the property
 * tests. It knows nothing of the resolver's code: what it writes is the oracle.
 *
 * @param name a name for messages
 * @param resolver the resolver under test
 * @param references the reference side of the same configuration, for comparing its short
 * path with its full reading
 * @param plusAsSpace whether the store reads '+' as a space
 * @param bases URL prefixes that name our bucket (URL = base + encoded key)
 * @param siteRelativeBases site-relative prefixes that name our bucket
 * @param blockedBases prefixes of ours that must never become deletes (userinfo, another
 * port, another region, AWS while the endpoint is another store)
 * @param otherBucketBases prefixes of another bucket on an S3 host
 * @param foreignBases prefixes of other hosts, look-alikes included
 */
record UrlFormGenerator(String name, ImageUrlResolver resolver, ReferencedKeys references, boolean plusAsSpace,
		List<String> bases, List<String> siteRelativeBases, List<String> blockedBases, List<String> otherBucketBases,
		List<String> foreignBases) {

	private static final Pattern AUTHORITY = Pattern.compile("^((?:https?:)?//)([^/:@]+)(:\\d+)?(/.*)$");

	private static final String SUB_DELIMS = "!$&'()*,;=:@";

	UrlFormGenerator(String name, S3Properties properties, List<String> bases, List<String> siteRelativeBases,
			List<String> blockedBases, List<String> otherBucketBases, List<String> foreignBases) {
		this(name, new ImageUrlResolver(properties), new ReferencedKeys(new BucketUrlForms(properties)),
				properties.plusAsSpace(), bases, siteRelativeBases, blockedBases, otherBucketBases, foreignBases);
	}

	@Override
	public String toString() {
		return this.name;
	}

	/** The key as S3 would read it back, written with random but exact choices. */
	String encode(String key, Random random) {
		return encode(key, random, this.plusAsSpace);
	}

	/**
	 * The key written with random but exact choices for a store that reads '+' as a space
	 * or not.
	 */
	static String encode(String key, Random random, boolean plusAsSpace) {
		StringBuilder out = new StringBuilder();
		key.codePoints().forEach(cp -> {
			String c = new String(Character.toChars(cp));
			if (cp == '/') {
				out.append((random.nextInt(6) == 0) ? escape(c, random) : c);
			}
			else if (isUnreserved(cp)) {
				out.append((random.nextInt(8) == 0) ? escape(c, random) : c);
			}
			else if (cp == ' ') {
				out.append((plusAsSpace && random.nextBoolean()) ? "+" : escape(c, random));
			}
			else if (cp == '+') {
				out.append((!plusAsSpace && random.nextBoolean()) ? "+" : escape(c, random));
			}
			else if ((SUB_DELIMS.indexOf(cp) >= 0 || cp > 0x7f) && random.nextBoolean()) {
				out.append(c);
			}
			else {
				out.append(escape(c, random));
			}
		});
		return out.toString();
	}

	/**
	 * Every exact URL of the key: each base with a random encoding and a random host
	 * variant (case, trailing dot, default port written out), each site-relative base,
	 * and the {@code s3://} URI where the key can be written as is.
	 */
	List<String> exactForms(String key, Random random) {
		List<String> forms = new ArrayList<>();
		for (String base : this.bases) {
			forms.add(hostVariant(base, random) + encode(key, random));
		}
		for (String base : this.siteRelativeBases) {
			forms.add(base + encode(key, random));
		}
		if (key.chars().noneMatch(c -> c < ' ' || c == 0x7f || c == '%' || c == '?' || c == '#')
				&& !key.endsWith(" ")) {
			forms.add("s3://" + Resolvers.BUCKET + "/" + key);
		}
		return forms;
	}

	/**
	 * URLs that show the key but that the delete side must refuse or may read otherwise:
	 * query, fragment, userinfo, the other reading of '+', double encoding, blocked
	 * bases.
	 */
	List<String> referenceOnlyForms(String key, Random random) {
		List<String> forms = new ArrayList<>();
		String base = this.bases.get(random.nextInt(this.bases.size()));
		String encoded = encode(key, random);
		forms.add(base + encoded + "?w=200");
		forms.add(base + encoded + "#top");
		forms.add(base + encode(encode(key, random), random));
		// the other store's reading of '+': both readings protect
		forms.add(base + encode(key, random, !this.plusAsSpace));
		forms.add(base.replaceFirst("//", "//user@") + encoded);
		for (String blocked : this.blockedBases) {
			forms.add(blocked + encode(key, random));
		}
		return forms;
	}

	/** The same URL with random odd pieces inserted, for the consistency checks. */
	static String mangle(String url, Random random) {
		String[] pieces = { "/..", "/.", "%2e", "%252f", "%2F", "\\", "?", "#", "@", ":", "%", "+", "//", " ", "\t",
				"%25", "%20", "..", "./" };
		StringBuilder out = new StringBuilder(url);
		for (int n = 1 + random.nextInt(3); n > 0; n--) {
			out.insert(random.nextInt(out.length() + 1), pieces[random.nextInt(pieces.length)]);
		}
		return out.toString();
	}

	private static String hostVariant(String base, Random random) {
		Matcher matcher = AUTHORITY.matcher(base);
		if (!matcher.matches()) {
			return base;
		}
		String host = matcher.group(2);
		StringBuilder varied = new StringBuilder();
		for (char c : host.toCharArray()) {
			varied.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
		}
		if (random.nextInt(4) == 0) {
			varied.append('.');
		}
		String port = (matcher.group(3) != null) ? matcher.group(3) : "";
		if (port.isEmpty() && random.nextInt(4) == 0 && !matcher.group(1).equals("//")) {
			port = matcher.group(1).startsWith("https") ? ":443" : ":80";
		}
		String scheme = matcher.group(1);
		return ((random.nextInt(4) == 0) ? scheme.toUpperCase(Locale.ROOT) : scheme) + varied + port + matcher.group(4);
	}

	private static boolean isUnreserved(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

	private static String escape(String c, Random random) {
		StringBuilder out = new StringBuilder();
		for (byte b : c.getBytes(StandardCharsets.UTF_8)) {
			String hex = String.format("%02X", b & 0xff);
			out.append('%').append(random.nextBoolean() ? hex : hex.toLowerCase(Locale.ROOT));
		}
		return out.toString();
	}

}
