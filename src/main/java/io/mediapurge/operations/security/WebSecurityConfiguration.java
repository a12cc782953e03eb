package io.mediapurge.operations.security;

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
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Access control of the long-running mode.
 * <ul>
 * <li>The management server (health and Prometheus, on {@code management.server.port}) is
 * open to probes and scrapers: Spring Boot runs the application's filter chains on it
 * too, so the first chain matches its endpoints (and, with a separate management port,
 * only requests on that port) and permits them.</li>
 * <li>Everything else needs a user of {@code media-purge.security.users}: a VIEWER may
 * {@code GET}, an OPERATOR may also {@code POST}. Browsers sign in with the form at
 * {@code /login}; API clients send HTTP Basic credentials. Unauthenticated API requests
 * get 401 and a viewer's action 403, both as JSON.</li>
 * <li>CSRF: browser sessions send the {@code XSRF-TOKEN} cookie's value in the
 * {@code X-XSRF-TOKEN} header; requests carrying an {@code Authorization} header (API
 * clients, which no browser sends on its own here) need no token.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(SecurityUsersProperties.class)
public class WebSecurityConfiguration {

	private static final String VIEWER = Role.VIEWER.name();

	private static final String OPERATOR = Role.OPERATOR.name();

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService userDetailsService(SecurityUsersProperties properties) {
		return UserAccounts.of(properties);
	}

	@Bean
	@Order(1)
	SecurityFilterChain managementSecurityFilterChain(HttpSecurity http) {
		return http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain applicationSecurityFilterChain(HttpSecurity http) {
		RequestMatcher api = PathPatternRequestMatcher.pathPattern("/api/**");
		AuthenticationEntryPoint unauthorized = JsonErrorResponses.unauthorized();
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		// after signing in, go back to the page asked for, never to an API answer
		requestCache.setRequestMatcher(new NegatedRequestMatcher(api));
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/login", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/api/**")
				.hasAnyRole(VIEWER, OPERATOR)
				.requestMatchers("/api/**")
				.hasRole(OPERATOR)
				.anyRequest()
				.hasAnyRole(VIEWER, OPERATOR))
			.formLogin((form) -> form.permitAll())
			.httpBasic((basic) -> basic.authenticationEntryPoint(unauthorized))
			.csrf((csrf) -> csrf.spa().ignoringRequestMatchers((request) -> request.getHeader("Authorization") != null))
			// API requests get 401; browsers asking for a page are sent to the form login
			// (which registers itself, like HTTP Basic, after this)
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(unauthorized, api)
				.accessDeniedHandler(JsonErrorResponses.forbidden(unauthorized)))
			.requestCache((cache) -> cache.requestCache(requestCache))
			.build();
	}

}
