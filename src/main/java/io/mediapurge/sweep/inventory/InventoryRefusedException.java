package io.mediapurge.sweep.inventory;

/**
 * An inventory manifest that a plan must not be built from: not CSV, of another bucket,
 * without a column the sweep needs, too old, or unreadable (nothing was listed); or, once
 * read, an inventory without an object under a prefix of the plan (the plan is never
 * ready to apply). The message, one line, says what to fix. An invalid argument: the
 * command line exits 2.
 */
public class InventoryRefusedException extends IllegalArgumentException {

	public InventoryRefusedException(String message) {
		super(message);
	}

	public InventoryRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

}
