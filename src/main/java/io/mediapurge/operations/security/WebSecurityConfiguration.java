package io.mediapurge.operations.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Access control of the long-running mode.
 * <ul>
 * <li>The management server (health and Prometheus, on {@code management.server.port}) is
 * open to probes and scrapers and serves nothing else: Spring Boot runs the application's
 * filter chains there too, so the first chain takes every request on that server (and the
 * actuator endpoints, should they share the application's port) with no sign-in of any
 * kind.</li>
 * <li>Everything else needs a user of {@code media-purge.security.users}: a VIEWER may
 * {@code GET}, an OPERATOR may also {@code POST}. Browsers sign in with the form at
 * {@code /login} and come back to the page they asked for; API clients send HTTP Basic
 * credentials. Unauthenticated API requests get 401 and a viewer's action 403, as
 * JSON.</li>
 * <li>Failed sign-ins are logged, counted and throttled per client address and per user
 * name, before any password is checked ({@link SignInThrottleFilter}).</li>
 * <li>CSRF: the token is kept in the session and read from the {@code X-CSRF-TOKEN}
 * header only (the sign-in form excepted); the dashboard gets it from
 * {@code GET /api/csrf}. Requests with an {@code Authorization} header (API clients;
 * browsers are never asked for Basic credentials) need none.</li>
 * <li>Headers: a strict Content-Security-Policy (no inline script or style, nothing from
 * another origin), no Referer, and HSTS on requests that came over TLS (directly, or
 * through a proxy that said so: {@code server.forward-headers-strategy}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties({ SecurityUsersProperties.class, SignInThrottleProperties.class })
public class WebSecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	private static final String VIEWER = Role.VIEWER.name();

	private static final String OPERATOR = Role.OPERATOR.name();

	@Bean
	PasswordEncoder passwordEncoder(SecurityUsersProperties properties) {
		return PasswordEncoding.like(properties);
	}

	@Bean
	UserDetailsService userDetailsService(SecurityUsersProperties properties) {
		return UserAccounts.of(properties);
	}

	@Bean
	SignInThrottle signInThrottle(SignInThrottleProperties properties) {
		return new SignInThrottle(properties);
	}

	@Bean
	SignInEvents signInEvents(SecurityUsersProperties users, SignInThrottle throttle, MeterRegistry registry) {
		return new SignInEvents(users, throttle, registry);
	}

	@Bean
	@Order(1)
	SecurityFilterChain managementSecurityFilterChain(HttpSecurity http) {
		return http
			.securityMatcher(
					new OrRequestMatcher(new ManagementServerRequestMatcher(), EndpointRequest.toAnyEndpoint()))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.toAnyEndpoint())
				.permitAll()
				.anyRequest()
				.denyAll())
			// what is not an endpoint is not there: 404, never a sign-in or a challenge
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, exception) -> response.sendError(404))
				.accessDeniedHandler((request, response, exception) -> response.sendError(404)))
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain applicationSecurityFilterChain(HttpSecurity http, SignInThrottle throttle,
			SignInEvents events) {
		RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
		AuthenticationEntryPoint unauthorized = JsonErrorResponses.unauthorized();
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		// after signing in, go back to the page asked for: only a page the browser
		// navigated to, never an API answer, a stylesheet or the icon it fetched
		// meanwhile
		requestCache.setRequestMatcher((request) -> isPageNavigation(request) && !api.matches(request));
		// the page's own address, without a "?continue" added to it
		requestCache.setMatchingRequestParameterName(null);
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(SignInPage.PATH, "/error", "/dashboard.css", "/sign-in.js", "/favicon.svg",
						"/favicon.ico")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/api/**")
				.hasAnyRole(VIEWER, OPERATOR)
				.requestMatchers("/api/**")
				.hasRole(OPERATOR)
				.anyRequest()
				.hasAnyRole(VIEWER, OPERATOR))
			.formLogin((form) -> form.loginPage(SignInPage.PATH).permitAll())
			.httpBasic((basic) -> basic.authenticationEntryPoint(unauthorized))
			.csrf((csrf) -> csrf.csrfTokenRepository(new HttpSessionCsrfTokenRepository())
				.csrfTokenRequestHandler(new HeaderOnlyCsrfTokenRequestHandler())
				.ignoringRequestMatchers((request) -> request.getHeader("Authorization") != null))
			// API requests get 401; browsers asking for a page are sent to the sign-in
			// page
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(unauthorized, api)
				.accessDeniedHandler(JsonErrorResponses.forbidden(unauthorized)))
			.requestCache((cache) -> cache.requestCache(requestCache))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.addFilterBefore(new SignInThrottleFilter(throttle, events), UsernamePasswordAuthenticationFilter.class)
			.build();
	}

	/**
	 * A {@code GET} of a page the browser shows: {@code Sec-Fetch-Dest: document}, or,
	 * from a client that does not send fetch metadata, one that accepts HTML.
	 */
	private static boolean isPageNavigation(HttpServletRequest request) {
		if (!HttpMethod.GET.matches(request.getMethod())) {
			return false;
		}
		String destination = request.getHeader("Sec-Fetch-Dest");
		if (destination != null) {
			return destination.equals("document");
		}
		String accept = request.getHeader("Accept");
		return accept != null && accept.contains("text/html");
	}

}
