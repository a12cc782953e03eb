package io.mediapurge.purge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import io.mediapurge.support.faults.S3FaultProxy;

/**
 * The HTTP faults the suite answers DeleteObjects with.
 *
 * @param name the scenario's name
 * @param response the faulty answer
 * @param reason what the job records for a key that never got past it
 * @param reallyDeletes whether the request still reaches the S3 server (only the answer
 * is lost)
 */
record S3Faults(String name, Function<S3FaultProxy, ResponseDefinitionBuilder> response, String reason,
		boolean reallyDeletes) {

	static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";

	/** Longer than the tests' attempt timeout. */
	static final int SLOW_MILLIS = 2500;

	@Override
	public String toString() {
		return this.name;
	}

	static List<S3Faults> all() {
		return List.of(
				new S3Faults("500 InternalError", proxy -> error(500, "InternalError"), "HTTP 500 InternalError",
						false),
				new S3Faults("503 SlowDown", proxy -> error(503, "SlowDown"), "HTTP 503 SlowDown", false),
				new S3Faults("connection reset", proxy -> fault(Fault.CONNECTION_RESET_BY_PEER), "client error", false),
				new S3Faults("empty response", proxy -> fault(Fault.EMPTY_RESPONSE), "client error", false),
				new S3Faults("random data then close", proxy -> fault(Fault.RANDOM_DATA_THEN_CLOSE), "client error",
						false),
				new S3Faults("200 with an empty body", proxy -> aResponse().withStatus(200),
						"the response did not report this key", false),
				new S3Faults("200 with garbage XML", proxy -> xml(200, "<DeleteResult><<garbage&;"), "client error",
						false),
				new S3Faults("200 cut after a Deleted entry",
						proxy -> xml(200,
								"<DeleteResult xmlns=\"" + NS
										+ "\"><Deleted><Key>galleries/g1/1.jpg</Key></Deleted><Del"),
						"client error", false),
				new S3Faults("200 silent about every key", proxy -> xml(200, "<DeleteResult xmlns=\"" + NS + "\"/>"),
						"the response did not report this key", false),
				new S3Faults("answer slower than the attempt timeout",
						proxy -> xml(200, "<DeleteResult xmlns=\"" + NS + "\"/>").withFixedDelay(SLOW_MILLIS),
						"client error", false),
				new S3Faults("deleted, but the answer comes too late",
						proxy -> proxy.proxied().withFixedDelay(SLOW_MILLIS), "client error", true));
	}

	static ResponseDefinitionBuilder error(int status, String code) {
		return xml(status, "<Error><Code>" + code + "</Code><Message>injected " + code
				+ "</Message><RequestId>injected</RequestId><HostId>injected</HostId></Error>");
	}

	static ResponseDefinitionBuilder fault(Fault fault) {
		return aResponse().withFault(fault);
	}

	static ResponseDefinitionBuilder xml(int status, String body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/xml")
			.withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body);
	}

	/** A 200 DeleteObjects answer that reports an error code for each of the keys. */
	static ResponseDefinitionBuilder perKeyErrors(List<String> keysAndCodes) {
		StringBuilder body = new StringBuilder("<DeleteResult xmlns=\"" + NS + "\">");
		for (int i = 0; i < keysAndCodes.size(); i += 2) {
			body.append("<Error><Key>")
				.append(keysAndCodes.get(i))
				.append("</Key><Code>")
				.append(keysAndCodes.get(i + 1))
				.append("</Code><Message>injected</Message></Error>");
		}
		return xml(200, body.append("</DeleteResult>").toString());
	}

	static String names() {
		return all().stream().map(S3Faults::name).collect(Collectors.joining(", "));
	}

}
