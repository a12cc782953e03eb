package io.mediapurge.imagestore;

/**
 * S3 refused a whole request for a reason no retry can fix (bad credentials, access
 * denied to the bucket, no such bucket, wrong region). The step that met it fails at
 * once; nothing of its current chunk is hard-deleted.
 */
public class ImageStoreUnavailableException extends RuntimeException {

	public ImageStoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
