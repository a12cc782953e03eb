package io.mediapurge.imagestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.mediapurge.imagestore.AwsS3Host.Kind;

/**
 * The pieces the resolver is built from: splitting a URL, the browser's reading of it,
 * percent-decoding as S3 does it, and the grammar of Amazon S3's host names.
 */
class UrlSyntaxTests {

	@Test
	void splitsAUrlIntoItsRawParts() {
		UrlParts parts = UrlParts.parse("HTTPS://us:er@Cdn.Example.com.:8443/a%20b/c+d?x=1?y#f?g#h");

		assertThat(parts)
			.isEqualTo(new UrlParts("https", "us:er", "Cdn.Example.com.", "8443", "/a%20b/c+d", "x=1?y", "f?g#h"));
		assertThat(parts.normalizedHost()).isEqualTo("cdn.example.com");
		assertThat(parts.portNumber()).isEqualTo(8443);
	}

	@Test
	void aHashBeforeTheQueryMarkStartsTheFragment() {
		assertThat(UrlParts.parse("https://h/p#f?q"))
			.isEqualTo(new UrlParts("https", null, "h", null, "/p", null, "f?q"));
	}

	@Test
	void theLastAtSignEndsTheUserInfoAndAnIpv6HostKeepsItsColons() {
		assertThat(UrlParts.parse("https://a@b@h/p").host()).isEqualTo("h");
		assertThat(UrlParts.parse("https://[::1]:9000/p").host()).isEqualTo("[::1]");
		assertThat(UrlParts.parse("https://[::1]/p").port()).isNull();
	}

	@Test
	void relativeReferencesHaveNoAuthority() {
		assertThat(UrlParts.parse("/media/a.jpg").hasAuthority()).isFalse();
		assertThat(UrlParts.parse("media/a.jpg").hasAuthority()).isFalse();
		assertThat(UrlParts.parse("//cdn/a.jpg").host()).isEqualTo("cdn");
		assertThat(UrlParts.parse("1http://cdn/a.jpg").scheme()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "x", "123456", "-1" })
	void aPortThatIsNotANumberIsRefused(String port) {
		assertThatIllegalArgumentException().isThrownBy(() -> UrlParts.parse("https://h:" + port + "/p").portNumber());
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			https://cdn.example.com/a.jpg          | https://cdn.example.com/a.jpg
			https:cdn.example.com/a.jpg            | https://cdn.example.com/a.jpg
			HTTP:/cdn.example.com/a.jpg            | HTTP://cdn.example.com/a.jpg
			https:\\\\cdn.example.com\\a\\b.jpg?x=\\ | https://cdn.example.com/a/b.jpg?x=\\
			https:////cdn.example.com/a.jpg        | https://cdn.example.com/a.jpg
			\\\\cdn.example.com\\a.jpg              | //cdn.example.com/a.jpg
			/media\\a.jpg                           | /media/a.jpg
			s3://bucket/a\\b.jpg                    | s3://bucket/a\\b.jpg
			""")
	void readsAUrlAsABrowserDoes(String url, String expected) {
		assertThat(UrlParts.browserReading(url)).isEqualTo(expected);
	}

	@Test
	void aBrowserDropsSurroundingControlCharactersAndInnerTabsAndNewlines() {
		assertThat(UrlParts.browserReading("\u0001 https://cdn/a\tb\n.jpg \r\n")).isEqualTo("https://cdn/ab.jpg");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			/a/b/../c       | /a/c
			/a/./b          | /a/b
			/a/%2E%2e/b     | /b
			/a/.%2E/b       | /b
			/a/b/..         | /a/
			/..             | /
			/a/.hidden      | /a/.hidden
			/a/...          | /a/...
			..              | ''
			%2e/a           | a
			a/../b          | a/b
			/a//../b        | /a/b
			/a/b%2F..%2Fc   | /a/b%2F..%2Fc
			""")
	void resolvesDotSegmentsAsABrowserDoes(String path, String expected) {
		assertThat(UrlParts.removeDotSegments(path)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			.          | true
			..         | true
			%2e        | true
			%2E%2e     | true
			.%2E       | true
			...        | false
			.a         | false
			%2e%2e%2e  | false
			%2f        | false
			a.         | false
			''         | false
			""")
	void knowsADotSegmentInEveryEncoding(String segment, boolean dot) {
		assertThat(UrlParts.isDotSegment(segment)).isEqualTo(dot);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			a%20b+c%2Bd     | true  | a b c+d
			a%20b+c%2Bd     | false | a b+c+d
			caf%c3%a9%2F漢  | true  | café/漢
			""")
	void decodesExactlyOnceAsS3Does(String raw, boolean plusAsSpace, String expected) {
		assertThat(PercentCoding.decodeStrictly(raw, plusAsSpace)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a%", "a%2", "a%zz", "a%C3%28", "a%FF" })
	void refusesWhatS3WouldRefuse(String raw) {
		assertThatIllegalArgumentException().isThrownBy(() -> PercentCoding.decodeStrictly(raw, true));
	}

	@Test
	void decodesLenientlyKeepingWhatItCannotDecode() {
		assertThat(PercentCoding.decodeLeniently("100%+a%2Fb%zz%20", true, false)).isEqualTo("100% a/b%zz ");
		assertThat(PercentCoding.decodeLeniently("a%2Fb%2fc%20", false, true)).isEqualTo("a%2Fb%2fc ");
		assertThat(PercentCoding.decodeLeniently("a+b", false, false)).isEqualTo("a+b");
	}

	@Test
	void encodesEverythingButUnreservedCharactersAndSlashes() {
		assertThat(PercentCoding.encodePath("a b+c/é~%.jpg")).isEqualTo("a%20b%2Bc/%C3%A9~%25.jpg");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					media-bucket.s3.eu-west-1.amazonaws.com                        | media-bucket  | REST          | eu-west-1  | false
					s3.eu-west-1.amazonaws.com                                     | -             | REST          | eu-west-1  | false
					media-bucket.s3-eu-west-1.amazonaws.com                        | media-bucket  | REST          | eu-west-1  | false
					s3-eu-west-1.amazonaws.com                                     | -             | REST          | eu-west-1  | false
					media-bucket.s3.amazonaws.com                                  | media-bucket  | REST          | -          | false
					s3.amazonaws.com                                               | -             | REST          | -          | false
					media-bucket.s3-external-1.amazonaws.com                       | media-bucket  | REST          | -          | false
					media-bucket.s3.dualstack.eu-west-1.amazonaws.com              | media-bucket  | REST          | eu-west-1  | false
					media-bucket.s3-fips.us-gov-west-1.amazonaws.com               | media-bucket  | REST          | us-gov-west-1 | false
					media-bucket.s3-fips.dualstack.us-east-1.amazonaws.com         | media-bucket  | REST          | us-east-1  | false
					media-bucket.s3-accelerate.amazonaws.com                       | media-bucket  | REST          | -          | false
					media-bucket.s3-accelerate.dualstack.amazonaws.com             | media-bucket  | REST          | -          | false
					media-bucket.s3-website-eu-west-1.amazonaws.com                | media-bucket  | WEBSITE       | eu-west-1  | false
					media-bucket.s3-website.eu-central-1.amazonaws.com             | media-bucket  | WEBSITE       | eu-central-1 | false
					my.dotted.bucket.s3.eu-west-1.amazonaws.com                    | my.dotted.bucket | REST       | eu-west-1  | false
					s3.s3.amazonaws.com                                            | s3            | REST          | -          | false
					media-bucket.s3.cn-north-1.amazonaws.com.cn                    | media-bucket  | REST          | cn-north-1 | true
					ap-123456789012.s3-accesspoint.eu-west-1.amazonaws.com         | ap-123456789012 | ACCESS_POINT | eu-west-1 | false
					bucket.vpce-0a1b2c3d-4e5f.s3.eu-west-1.vpce.amazonaws.com      | -             | REST          | eu-west-1  | false
					media-bucket.bucket.vpce-0a1b2c3d-4e5f.s3.eu-west-1.vpce.amazonaws.com | media-bucket | REST  | eu-west-1  | false
					media-bucket.vpce-0a1b2c3d-4e5f.s3.eu-west-1.vpce.amazonaws.com | media-bucket | REST          | eu-west-1  | false
					accesspoint.vpce-0a1b2c3d-4e5f.s3.eu-west-1.vpce.amazonaws.com | -             | ACCESS_POINT  | eu-west-1  | false
					""")
	void readsEveryAmazonS3HostForm(String host, String bucket, Kind kind, String region, boolean china) {
		assertThat(AwsS3Host.parse(host)).isEqualTo(new AwsS3Host(bucket, kind, region, china));
	}

	@ParameterizedTest
	@ValueSource(strings = { "cdn.example.com", "amazonaws.com", "ec2.eu-west-1.amazonaws.com",
			"media-bucket.s3.eu-west-1.amazonaws.com.evil.com", "media-bucket.s4.eu-west-1.amazonaws.com",
			"media-bucket.s3.eu-west.amazonaws.com", "control.vpce-0a1b2c3d.s3.eu-west-1.vpce.amazonaws.com",
			"media-bucket.s3-control.eu-west-1.amazonaws.com" })
	void otherHostsAreNotAmazonS3(String host) {
		assertThat(AwsS3Host.parse(host)).isNull();
	}

}
