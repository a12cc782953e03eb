package io.mediapurge.imagestore;

import java.util.List;
import java.util.Set;

/**
 * Asked by {@link S3ImageDeleter} right before it sends each DeleteObjects request,
 * retries included, once the request's budget has let it go: the last moment at which a
 * key can still be kept. A request may leave long after the caller decided which keys may
 * go (a wait for the prefix's budget, a backoff after SlowDown, the answers to the
 * requests before it), and meanwhile a document may have started to show one of its keys.
 */
@FunctionalInterface
public interface SendCheck {

	/** Withholds nothing. */
	SendCheck NONE = keys -> Set.of();

	/**
	 * @param keys the keys the next request would carry
	 * @return those that must not be sent: they are kept, and reported as
	 * {@link DeleteReport#withheld() withheld}, neither deleted nor failed
	 * @throws RuntimeException when nothing more may be deleted (a fence, a reference
	 * source that cannot be read): no request is sent, and the exception reaches the
	 * caller of {@link S3ImageDeleter#delete(java.util.Collection, SendCheck)}
	 */
	Set<String> withhold(List<String> keys);

}
