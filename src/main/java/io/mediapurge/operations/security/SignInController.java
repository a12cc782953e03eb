package io.mediapurge.operations.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The sign-in page, and the session's CSRF token for the dashboard's script.
 */
@Controller
@ConditionalOnWebApplication(type = Type.SERVLET)
class SignInController {

	@GetMapping(SignInPage.PATH)
	void signInPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String notice = null;
		if (request.getParameter("error") != null) {
			notice = "Wrong user name or password.";
		}
		else if (request.getParameter("logout") != null) {
			notice = "You have signed out.";
		}
		SignInPage.write(request, response, 200, notice, request.getParameter("error") != null);
	}

	/**
	 * The CSRF token of the signed-in session, for the dashboard to send in the header it
	 * names. Bound to the session: a page of another origin can neither read it (the
	 * browser keeps the answer from it) nor plant one of its own, as it could a cookie.
	 * @param token the session's token, masked afresh on every answer
	 * @return the header's name and the token
	 */
	@GetMapping(path = "/api/csrf", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	CsrfHeader csrf(CsrfToken token) {
		return new CsrfHeader(token.getHeaderName(), token.getToken());
	}

	/**
	 * @param headerName the header to send the token in
	 * @param token the token
	 */
	record CsrfHeader(String headerName, String token) {
	}

}
