package io.mediapurge.imagestore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

import io.mediapurge.imagestore.DeleteReport.KeyFailure;

/**
 * What one {@link S3ImageDeleter#delete} call has settled so far, key by key, and what is
 * known of the keys still pending: it names each key in a request (with the ETag it must
 * still have, when the caller gave one), reads each DeleteObjects answer and builds the
 * {@link DeleteReport}.
 */
final class DeleteOutcome {

	/**
	 * The ETag each key must still have to be deleted; keys absent here go regardless.
	 */
	private final Map<String, String> eTags;

	private final Set<String> deleted = new HashSet<>();

	private final Map<String, KeyFailure> failed = new HashMap<>();

	private final Set<String> withheld = new HashSet<>();

	/** The last transient answer about each key still pending. */
	private final Map<String, String> lastTransient = new HashMap<>();

	private int requests;

	private int retriedKeys;

	DeleteOutcome() {
		this(Map.of());
	}

	/**
	 * @param eTags the ETag each key must still have for S3 to delete it (a conditional
	 * delete); keys without one are deleted whatever their content
	 */
	DeleteOutcome(Map<String, String> eTags) {
		this.eTags = Map.copyOf(eTags);
	}

	/**
	 * @param code the error code S3 answered a whole request with
	 * @return whether the store does not implement conditional deletes (a 501, which no
	 * retry fixes), when this call sent ETags
	 */
	boolean conditionsRefused(String code) {
		return !this.eTags.isEmpty() && "NotImplemented".equals(code);
	}

	/**
	 * @param check what to check when S3 refuses a request
	 * @return that, and the setting that stops sending ETags when this call sent some
	 */
	String check(String check) {
		return this.eTags.isEmpty() ? check
				: check + " The request sent ETags (conditional deletes, which also need s3:GetObject): for a store "
						+ "that does not support them, set media-purge.sweep.conditional-deletes=false.";
	}

	/**
	 * @return how a request names the key: with the ETag it must still have, if any
	 */
	ObjectIdentifier identifier(String key) {
		return ObjectIdentifier.builder().key(key).eTag(this.eTags.get(key)).build();
	}

	/**
	 * @param keys the keys asked for
	 * @return them without duplicates, less those no request body can name
	 * ({@link XmlKeys}), which fail alone: one would have S3 refuse its whole request,
	 * every time
	 */
	List<String> sendable(Collection<String> keys) {
		List<String> sendable = new ArrayList<>();
		for (String key : new LinkedHashSet<>(keys)) {
			String uncarried = XmlKeys.uncarried(key);
			if (uncarried != null) {
				this.failed.put(key, new KeyFailure(DeleteReport.NOT_XML, uncarried));
			}
			else {
				sendable.add(key);
			}
		}
		return sendable;
	}

	void failed(String key, KeyFailure failure) {
		this.failed.put(key, failure);
	}

	/**
	 * Asks the caller's check and moves the keys it withholds out of {@code pending}.
	 */
	void withhold(Set<String> pending, SendCheck check) {
		Set<String> kept = check.withhold(List.copyOf(pending));
		for (String key : kept) {
			if (pending.remove(key)) {
				this.withheld.add(key);
				this.lastTransient.remove(key);
			}
		}
	}

	/** A request is about to carry these keys. */
	void sending(Set<String> pending, boolean retry) {
		this.requests++;
		if (retry) {
			this.retriedKeys += pending.size();
		}
	}

	/** A request got no answer about any key: each pending key's outcome is unknown. */
	void unanswered(Set<String> pending, String why) {
		pending.forEach(key -> this.lastTransient.put(key, why));
	}

	String lastTransient(String key) {
		return this.lastTransient.getOrDefault(key, "unknown outcome");
	}

	/**
	 * Reads an answer and moves each key it settles (deleted, or a per-key error no retry
	 * fixes) out of {@code pending}.
	 * @return which per-key errors matter beyond their key, or {@code null} when the
	 * answer named no pending key
	 */
	@Nullable Answer read(DeleteObjectsResponse response, Set<String> pending) {
		boolean answered = false;
		for (DeletedObject object : response.deleted()) {
			if (pending.remove(object.key())) {
				this.deleted.add(object.key());
				this.lastTransient.remove(object.key());
				answered = true;
			}
		}
		boolean throttled = false;
		S3Error storeWide = null;
		for (S3Error error : response.errors()) {
			if (!pending.contains(error.key())) {
				continue;
			}
			answered = true;
			String code = String.valueOf(error.code());
			String reason = code + ((error.message() != null) ? ": " + error.message() : "");
			if (S3ErrorCodes.isStoreWide(code)) {
				storeWide = (storeWide != null) ? storeWide : error;
			}
			throttled |= S3ErrorCodes.isThrottling(code);
			if (S3ErrorCodes.isTransient(code)) {
				this.lastTransient.put(error.key(), reason);
			}
			else {
				pending.remove(error.key());
				this.failed.put(error.key(), new KeyFailure(code, reason));
			}
		}
		pending.forEach(key -> this.lastTransient.putIfAbsent(key, "the response did not report this key"));
		return answered ? new Answer(throttled, storeWide) : null;
	}

	DeleteReport report() {
		return new DeleteReport(this.deleted, this.failed, this.requests, this.retriedKeys, this.withheld);
	}

	/**
	 * @param throttled some key was answered SlowDown
	 * @param storeWide the first per-key error that concerns the whole store, or
	 * {@code null}
	 */
	record Answer(boolean throttled, @Nullable S3Error storeWide) {
	}

}
