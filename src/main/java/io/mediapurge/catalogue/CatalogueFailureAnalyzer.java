package io.mediapurge.catalogue;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Says what is wrong with a content-type spec, and nothing else, when it stops the
 * application: first in line, so Spring Boot's analyzers of the binding underneath (which
 * name the binder's target, {@code Bindable@...}, rather than the file) do not speak
 * instead.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class CatalogueFailureAnalyzer extends AbstractFailureAnalyzer<CatalogueException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CatalogueException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Correct the content-type spec named above (the README's section 'Content types: jobs/' lists "
						+ "its fields), or point media-purge.catalogue.location at the folder of specs.",
				cause);
	}

}
