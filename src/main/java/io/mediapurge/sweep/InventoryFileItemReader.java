package io.mediapurge.sweep;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;

import software.amazon.awssdk.services.s3.S3Client;

import io.mediapurge.sweep.inventory.InventoryManifest;
import io.mediapurge.sweep.inventory.InventoryManifest.DataFile;
import io.mediapurge.sweep.inventory.InventoryReport;
import io.mediapurge.sweep.plan.PlannedObject;

/**
 * Reads one data file of the plan's S3 Inventory (one partition of the step
 * {@code sweep-list}): the current objects under the plan's prefixes, each with the
 * longest prefix it lies under, as a listing would give them. A row that cannot be read,
 * or a file that is not the one its manifest describes, fails the partition and so the
 * plan, which is then never ready to apply. Sends no ListObjectsV2 request.
 */
final class InventoryFileItemReader implements ListingPartitionReader {

	/** The partition context's entry that counts the rows read. */
	static final String ROWS = "inventoryRows";

	/** The entry that counts rows of older versions and delete markers. */
	static final String ROWS_NOT_CURRENT = "inventoryRowsNotCurrent";

	/** The entry that counts rows of keys outside every prefix of the plan. */
	static final String ROWS_OUTSIDE_PREFIXES = "inventoryRowsOutsidePrefixes";

	private final S3Client s3;

	private final InventoryManifest manifest;

	private final DataFile file;

	private final List<String> prefixes;

	private @Nullable InventoryReport report;

	/**
	 * @param s3 the client
	 * @param manifest the plan's inventory
	 * @param fileKey the key of the data file to read, one of the manifest's
	 * @param prefixes the plan's prefixes
	 * @throws IllegalStateException when the manifest has no such file (a restart read
	 * another manifest than the first run)
	 */
	InventoryFileItemReader(S3Client s3, InventoryManifest manifest, String fileKey, List<String> prefixes) {
		this.s3 = s3;
		this.manifest = manifest;
		this.file = manifest.files()
			.stream()
			.filter(file -> file.key().equals(fileKey))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"Inventory " + manifest.location() + " has no data file " + fileKey + " any more"));
		this.prefixes = List.copyOf(prefixes);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		close();
		this.report = new InventoryReport(this.s3, this.manifest, List.of(this.file), this.prefixes);
	}

	@Override
	public @Nullable PlannedObject read() {
		InventoryReport report = this.report;
		if (report == null) {
			throw new IllegalStateException("Read before the partition started: " + this.file.key());
		}
		return report.read();
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		InventoryReport report = this.report;
		if (report != null) {
			stepExecution.getExecutionContext().putLong(ROWS, report.rowsRead());
			stepExecution.getExecutionContext().putLong(ROWS_NOT_CURRENT, report.rowsNotCurrent());
			stepExecution.getExecutionContext().putLong(ROWS_OUTSIDE_PREFIXES, report.rowsOutsidePrefixes());
		}
		close();
		return null;
	}

	private void close() {
		InventoryReport report = this.report;
		if (report != null) {
			report.close();
		}
	}

}
