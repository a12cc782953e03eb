package io.mediapurge.support.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URI;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * A fault-injecting HTTP proxy (WireMock) in front of the in-process S3 server. Every
 * request is proxied (priority 10) unless a fault stub on DeleteObjects
 * ({@code POST /<bucket>?delete}) answers it first. The client's Host header is kept, so
 * SigV4 signatures made for the proxy's port still verify at the server.
 */
public final class S3FaultProxy implements AutoCloseable {

	private static final int PROXY_PRIORITY = 10;

	private static final String SCENARIO = "delete-faults";

	private final WireMockServer server;

	private final String target;

	private final String bucket;

	public S3FaultProxy(URI target, String bucket) {
		this.target = target.toString();
		this.bucket = bucket;
		this.server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").preserveHostHeader(true));
		this.server.start();
		reset();
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.port());
	}

	/** Removes every fault and forgets the requests seen: everything is proxied. */
	public void reset() {
		this.server.resetAll();
		this.server.stubFor(any(anyUrl()).atPriority(PROXY_PRIORITY).willReturn(proxied()));
	}

	/** A response that proxies to the S3 server (it really deletes). */
	public ResponseDefinitionBuilder proxied() {
		return aResponse().proxiedFrom(this.target);
	}

	/** Answers every DeleteObjects request with {@code fault}. */
	public void failAlways(ResponseDefinitionBuilder fault) {
		this.server.stubFor(deleteObjects().atPriority(1).willReturn(fault));
	}

	/**
	 * Answers the next DeleteObjects requests with these responses, one each, in order;
	 * later ones are proxied.
	 */
	public void failInSequence(List<ResponseDefinitionBuilder> faults) {
		for (int i = 0; i < faults.size(); i++) {
			this.server.stubFor(deleteObjects().atPriority(1)
				.inScenario(SCENARIO)
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "answered-" + i)
				.willSetStateTo("answered-" + (i + 1))
				.willReturn(faults.get(i)));
		}
	}

	/** DeleteObjects requests received, faulty and proxied ones alike. */
	public int deleteRequests() {
		return this.server.countRequestsMatching(
				postRequestedFor(urlPathEqualTo("/" + this.bucket)).withQueryParam("delete", matching(".*")).build())
			.getCount();
	}

	private MappingBuilder deleteObjects() {
		return post(urlPathEqualTo("/" + this.bucket)).withQueryParam("delete", matching(".*"));
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
