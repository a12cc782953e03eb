package io.mediapurge.sweep.inventory;

/**
 * A data file of an inventory that turned out unusable while it was read: a row that
 * cannot be read (named by file and line), content whose MD5 or size differs from the
 * manifest's, a file that is not gzip. The read fails, so a plan built from it never
 * becomes ready to apply: a plan from part of an inventory would report dangling
 * references that are not, and could hide the rows it lost.
 */
public class InventoryDataException extends RuntimeException {

	public InventoryDataException(String message) {
		super(message);
	}

	public InventoryDataException(String message, Throwable cause) {
		super(message, cause);
	}

}
