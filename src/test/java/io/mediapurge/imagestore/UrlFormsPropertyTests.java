package io.mediapurge.imagestore;

import static io.mediapurge.imagestore.Resolvers.PRIVATE_LINK_HOST;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import io.mediapurge.imagestore.ImageReference.External;
import io.mediapurge.imagestore.ImageReference.OtherBucket;
import io.mediapurge.imagestore.ImageReference.OwnObject;
import io.mediapurge.imagestore.ImageReference.Suspicious;

/**
 * The two sides checked against each other on random keys, each written in every form the
 * bucket's configuration allows ({@link UrlFormGenerator}): whatever the delete side
 * deletes, the reference side protects; every form of a key protects it; nothing of
 * another host or bucket ever becomes a delete; a key the delete side can name comes back
 * from its URLs.
 */
class UrlFormsPropertyTests {

	private static final List<String> AWS_HOSTS = List.of("s3.eu-west-1", "s3-eu-west-1", "s3",
			"s3.dualstack.eu-west-1", "s3-fips.eu-west-1", "s3-fips.dualstack.eu-west-1", "s3-external-1");

	private static final List<String> AWS_VIRTUAL_ONLY_HOSTS = List.of("s3-accelerate", "s3-accelerate.dualstack",
			"s3-website-eu-west-1", "s3-website.eu-west-1");

	private static final Pattern HEX_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");

	@Provide
	Arbitrary<UrlFormGenerator> configurations() {
		List<String> cdn = List.of("https://cdn.example.com/media/", "http://cdn.example.com/media/",
				"//cdn.example.com/media/");
		List<String> foreign = List.of("https://cdn.example.com.evil.net/media/", "https://evilcdn.example.com/media/",
				"https://cdn.example.com@evil.net/media/", "https://evil.net/media/",
				"https://evil.net#@cdn.example.com/media/", "https://media-bucket.s3.eu-west-1.amazonaws.com.evil.net/",
				"https://cdn.example.com/other/", "https://cdn.example.com/mediax/", "ftp://cdn.example.com/media/",
				"https://s3.eu-west-1.amazonaws.co/media-bucket/");
		List<String> otherBuckets = List.of("https://other-bucket.s3.eu-west-1.amazonaws.com/",
				"https://s3.eu-west-1.amazonaws.com/other-bucket/", "https://s3.amazonaws.com/media-bucket-backup/",
				"https://evilmedia-bucket.s3.eu-west-1.amazonaws.com/", "s3://other-bucket/",
				"https://media-bucket.s3.cn-north-1.amazonaws.com.cn/");
		List<String> aws = awsBases();
		UrlFormGenerator onAws = new UrlFormGenerator("AWS with two CDNs",
				Resolvers.properties(null, List.of("https://cdn.example.com/media/", "http://static.example.net/m/"),
						List.of(), true, null, List.of()),
				concat(cdn, List.of("http://static.example.net/m/", "https://static.example.net/m/"), aws), List.of(),
				List.of("https://cdn.example.com:8443/media/", "https://media-bucket.s3.us-east-1.amazonaws.com/",
						"https://images-123456789012.s3-accesspoint.eu-west-1.amazonaws.com/"),
				otherBuckets, foreign);
		UrlFormGenerator privateLink = new UrlFormGenerator("AWS through PrivateLink",
				Resolvers.properties(URI.create("https://" + PRIVATE_LINK_HOST),
						List.of("https://cdn.example.com/media/"), List.of(), true, null, List.of()),
				concat(cdn, aws, List.of("https://" + PRIVATE_LINK_HOST + "/media-bucket/",
						"https://media-bucket." + PRIVATE_LINK_HOST + "/",
						"https://media-bucket.vpce-0a1b2c3d4e5f67890-abcdefgh.s3.eu-west-1.vpce.amazonaws.com/")),
				List.of(), List.of("https://media-bucket.s3-us-west-2.amazonaws.com/"),
				concat(otherBuckets, List.of("https://" + PRIVATE_LINK_HOST + "/other-bucket/")), foreign);
		UrlFormGenerator minio = new UrlFormGenerator("MinIO behind a CDN and a site",
				Resolvers.properties(URI.create("http://minio.internal:9000"),
						List.of("https://cdn.example.com/media/"), List.of(), false, null, List.of("/media/")),
				concat(cdn,
						List.of("http://minio.internal:9000/media-bucket/", "https://minio.internal:9000/media-bucket/",
								"http://media-bucket.minio.internal:9000/")),
				List.of("/media/"),
				List.of("https://media-bucket.s3.eu-west-1.amazonaws.com/", "http://minio.internal:9001/media-bucket/"),
				List.of("http://minio.internal:9000/other-bucket/", "http://other.minio.internal:9000/",
						"s3://other-bucket/"),
				List.of("http://minio.internal.evil.net:9000/media-bucket/", "http://127.0.0.1:9000/media-bucket/",
						"https://cdn.example.com/other/", "/other/", "/mediax/"));
		return Arbitraries.of(onAws, privateLink, minio);
	}

	/** Keys of nested segments mixing every kind of character a CMS upload may hold. */
	@Provide
	Arbitrary<String> keys() {
		Arbitrary<String> atom = Arbitraries.frequencyOf(
				Tuple.of(12,
						Arbitraries.strings()
							.withCharRange('a', 'z')
							.withCharRange('A', 'Z')
							.withCharRange('0', '9')
							.withChars("-_.~")
							.ofMinLength(1)
							.ofMaxLength(8)),
				Tuple.of(6,
						Arbitraries.of(" ", "+", "%", "&", "=", "?", "#", ";", ":", "@", "!", "$", "'", "(", ")", "*",
								",", "[", "]", "{", "}", "<", ">", "|", "^", "`", "\"", "é", "ü", "ß", "漢", "字", "🐈",
								"📷", "\u00a0", "%41", "%20", "%zz", "100%")),
				Tuple.of(1, Arbitraries.of("%2F", "%2e%2e", "%5C", "\\", "\u0001", "\t", "..", ".", "%00")));
		Arbitrary<String> segment = atom.list().ofMinSize(1).ofMaxSize(4).map(atoms -> String.join("", atoms));
		Arbitrary<String> rareSegment = Arbitraries.of("", ".", "..", "galleries", "2024", "My Photo");
		return Arbitraries.frequencyOf(Tuple.of(10, segment), Tuple.of(1, rareSegment))
			.list()
			.ofMinSize(1)
			.ofMaxSize(5)
			.map(segments -> String.join("/", segments))
			.filter(key -> !key.isEmpty());
	}

	@Property
	void everyFormOfAKeyProtectsIt(@ForAll("configurations") UrlFormGenerator config, @ForAll("keys") String key,
			@ForAll Random random) {
		List<String> forms = concat(config.exactForms(key, random), config.referenceOnlyForms(key, random));
		for (String url : forms) {
			assertThat(config.resolver().referencedKeys(url)).as("%s in %s", url, config).contains(key);
		}
	}

	// each try checks some 160 URLs
	@Property(tries = 500)
	void theDeleteSideNeverDeletesWhatTheReferenceSideWouldNotProtect(@ForAll("configurations") UrlFormGenerator config,
			@ForAll("keys") String key, @ForAll Random random) {
		for (String url : allForms(config, key, random).toList()) {
			if (config.resolver().resolve(url) instanceof OwnObject own) {
				assertThat(config.resolver().referencedKeys(url)).as("%s in %s", url, config).contains(own.key());
			}
		}
	}

	@Property
	void aUrlOnOurHostsIsNeverExternalAndNeverNamesAnotherKey(@ForAll("configurations") UrlFormGenerator config,
			@ForAll("keys") String key, @ForAll Random random) {
		for (String url : config.exactForms(key, random)) {
			ImageReference reference = config.resolver().resolve(url);
			if (!(reference instanceof Suspicious)) {
				assertThat(reference).as("%s in %s", url, config).isEqualTo(new OwnObject(url, key));
			}
		}
		for (String url : config.referenceOnlyForms(key, random)) {
			assertThat(config.resolver().resolve(url)).as("%s in %s", url, config)
				.isNotInstanceOf(External.class)
				.isNotInstanceOf(OtherBucket.class);
		}
	}

	@Property
	void aKeyTheDeleteSideCanNameComesBackFromEachOfItsUrls(@ForAll("configurations") UrlFormGenerator config,
			@ForAll("keys") String key, @ForAll Random random) {
		if (!isNameable(key)) {
			return;
		}
		ImageUrlResolver resolver = config.resolver();
		String canonical = resolver.urlOf(key);
		assertThat(resolver.resolve(canonical)).as(canonical).isEqualTo(new OwnObject(canonical, key));
		for (String url : concat(resolver.urlForms(key), config.exactForms(key, random))) {
			assertThat(resolver.resolve(url)).as("%s in %s", url, config).isEqualTo(new OwnObject(url, key));
		}
	}

	@Property
	void urlsOfOtherHostsAndBucketsNeverBecomeDeletesNorProtect(@ForAll("configurations") UrlFormGenerator config,
			@ForAll("keys") String key, @ForAll Random random) {
		boolean dotSegments = Stream.of(key.split("/", -1)).anyMatch(s -> s.equals(".") || s.equals(".."));
		for (String base : config.otherBucketBases()) {
			String url = base + config.encode(key, random);
			ImageReference reference = config.resolver().resolve(url);
			assertThat(reference).as("%s in %s", url, config).isNotInstanceOf(OwnObject.class);
			if (!dotSegments) {
				assertThat(reference).as("%s in %s", url, config).isInstanceOf(OtherBucket.class);
				assertThat(config.resolver().referencedKeys(url)).as("%s in %s", url, config).isEmpty();
			}
		}
		for (String base : config.foreignBases()) {
			String url = base + config.encode(key, random);
			ImageReference reference = config.resolver().resolve(url);
			assertThat(reference).as("%s in %s", url, config).isNotInstanceOf(OwnObject.class);
			if (!dotSegments) {
				assertThat(reference).as("%s in %s", url, config).isInstanceOfAny(External.class, OtherBucket.class);
				assertThat(config.resolver().referencedKeys(url)).as("%s in %s", url, config).isEmpty();
			}
		}
	}

	// each try compares some 160 URLs
	@Property(tries = 250)
	void theShortPathOfTheReferenceSideReadsAsTheFullReading(@ForAll("configurations") UrlFormGenerator config,
			@ForAll("keys") String key, @ForAll Random random) {
		for (String url : allForms(config, key, random).toList()) {
			assertThat(config.references().of(url)).as(url).isEqualTo(config.references().ofAnyUrl(url));
		}
	}

	private static Stream<String> allForms(UrlFormGenerator config, String key, Random random) {
		List<String> forms = concat(config.exactForms(key, random), config.referenceOnlyForms(key, random));
		for (String base : concat(config.otherBucketBases(), config.foreignBases())) {
			forms.add(base + config.encode(key, random));
		}
		List<String> mangled = forms.stream().map(url -> UrlFormGenerator.mangle(url, random)).toList();
		return Stream.concat(forms.stream(), mangled.stream());
	}

	/**
	 * Keys the delete side must be able to name (the oracle's own rule): no empty, '.' or
	 * '..' segment, no backslash or control character, at most 1,024 bytes, and no
	 * {@code %XX} that a proxy decoding twice might turn into another path.
	 */
	private static boolean isNameable(String key) {
		return key.getBytes(StandardCharsets.UTF_8).length <= 1024
				&& key.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '\\')
				&& Stream.of(key.split("/", -1)).noneMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))
				&& !HEX_ESCAPE.matcher(key).find();
	}

	private static List<String> awsBases() {
		List<String> bases = new ArrayList<>();
		for (String scheme : List.of("https://", "http://", "//")) {
			for (String host : AWS_HOSTS) {
				bases.add(scheme + "media-bucket." + host + ".amazonaws.com/");
				bases.add(scheme + host + ".amazonaws.com/media-bucket/");
			}
			for (String host : AWS_VIRTUAL_ONLY_HOSTS) {
				bases.add(scheme + "media-bucket." + host + ".amazonaws.com/");
			}
		}
		return bases;
	}

	@SafeVarargs
	private static List<String> concat(List<String>... lists) {
		List<String> all = new ArrayList<>();
		for (List<String> list : lists) {
			all.addAll(list);
		}
		return all;
	}

}
