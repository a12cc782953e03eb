package io.mediapurge.sweep.inventory;

import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemReader;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import io.mediapurge.sweep.inventory.InventoryManifest.DataFile;
import io.mediapurge.sweep.plan.PlannedObject;

/**
 * The objects of an inventory under the plan's prefixes, as a listing would give them:
 * reads the manifest's data files one at a time, streaming (memory is a buffer and one
 * row, whatever the file's size), and returns a {@link PlannedObject} for each current
 * object whose key lies under a prefix, with the longest such prefix. Rows of older
 * versions and delete markers are passed over; a row outside every prefix is never
 * returned.
 *
 * <p>
 * Fails closed: a row that cannot be read fails the read with its file and line, and a
 * file whose bytes do not have the manifest's size and MD5 fails it when the file ends
 * (the rows of a file are returned before its last byte is checked, so a reader's caller
 * must not treat what it got as complete unless {@code read} returned {@code null}). A
 * plan from part of an inventory could only miss candidates, but it would report the
 * images of the rows it lost as dangling references.
 *
 * <p>
 * Not thread-safe; one instance per partition. Keeps no restart state.
 */
public final class InventoryReport implements ItemReader<PlannedObject>, AutoCloseable {

	private static final int GZIP_BUFFER = 1 << 16;

	private final S3Client s3;

	private final InventoryManifest manifest;

	private final Deque<DataFile> files;

	private final InventoryRows rows;

	private final Map<String, Long> listed = new LinkedHashMap<>();

	private @Nullable InventoryDataFile current;

	private long filesRead;

	private long rowsRead;

	/**
	 * Reads every data file of the manifest.
	 * @param s3 the client, with credentials that may read the manifest's bucket
	 * @param manifest a manifest that {@link InventoryManifestReader} accepted
	 * @param prefixes the plan's key prefixes (at least one)
	 */
	public InventoryReport(S3Client s3, InventoryManifest manifest, List<String> prefixes) {
		this(s3, manifest, manifest.files(), prefixes);
	}

	/**
	 * Reads some of the manifest's data files, for a partition of them.
	 * @param s3 the client
	 * @param manifest a manifest that {@link InventoryManifestReader} accepted
	 * @param files the files to read, of {@code manifest.files()}
	 * @param prefixes the plan's key prefixes (at least one)
	 */
	public InventoryReport(S3Client s3, InventoryManifest manifest, List<DataFile> files, List<String> prefixes) {
		if (prefixes.isEmpty() || prefixes.stream().anyMatch(String::isEmpty)) {
			throw new IllegalArgumentException("An inventory is read under non-empty key prefixes only, got " + prefixes
					+ ": a sweep never lists the whole bucket");
		}
		if (!manifest.files().containsAll(files)) {
			throw new IllegalArgumentException("Files " + files + " are not all of manifest " + manifest.location());
		}
		this.s3 = s3;
		this.manifest = manifest;
		this.files = new ArrayDeque<>(files);
		this.rows = new InventoryRows(manifest, prefixes);
		prefixes.forEach(prefix -> this.listed.put(prefix, 0L));
	}

	/**
	 * @return the next object under the prefixes, or {@code null} once every file was
	 * read and checked
	 * @throws InventoryDataException for a row that cannot be read, or a file whose size
	 * or MD5 is not the manifest's
	 * @throws UncheckedIOException when a file cannot be read to its end (the connection
	 * broke)
	 */
	@Override
	public @Nullable PlannedObject read() {
		try {
			return next();
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private @Nullable PlannedObject next() {
		while (true) {
			InventoryDataFile file = this.current;
			if (file == null) {
				DataFile next = this.files.poll();
				if (next == null) {
					return null;
				}
				file = open(next);
				this.current = file;
			}
			List<String> record = file.next();
			if (record == null) {
				file.finish();
				this.current = null;
				this.filesRead++;
				continue;
			}
			this.rowsRead++;
			PlannedObject object = this.rows.object(record, file.name(), file.line());
			if (object != null) {
				this.listed.merge(object.prefix(), 1L, Long::sum);
				return object;
			}
		}
	}

	/** Closes the file being read, if any. */
	@Override
	public void close() {
		InventoryDataFile file = this.current;
		this.current = null;
		if (file != null) {
			file.close();
		}
	}

	/**
	 * @return the objects returned so far, per prefix (every prefix, in the given order)
	 */
	public Map<String, Long> listedByPrefix() {
		return Collections.unmodifiableMap(this.listed);
	}

	/**
	 * @return the rows read so far, whatever became of them
	 */
	public long rowsRead() {
		return this.rowsRead;
	}

	/**
	 * @return rows passed over as older versions or delete markers
	 */
	public long rowsNotCurrent() {
		return this.rows.notCurrent();
	}

	/**
	 * @return rows of keys outside every prefix
	 */
	public long rowsOutsidePrefixes() {
		return this.rows.outsidePrefixes();
	}

	/**
	 * @return data files read to their end and checked
	 */
	public long filesRead() {
		return this.filesRead;
	}

	private InventoryDataFile open(DataFile file) {
		String name = "inventory file s3://" + this.manifest.location().bucket() + "/" + file.key();
		ResponseInputStream<GetObjectResponse> body = this.s3
			.getObject(request -> request.bucket(this.manifest.location().bucket()).key(file.key()));
		Long length = body.response().contentLength();
		if (length != null && length != file.size()) {
			body.abort();
			throw new InventoryDataException(name + " has " + length + " bytes, the manifest says " + file.size()
					+ ": it is not the file the manifest describes");
		}
		return new InventoryDataFile(file, name, body);
	}

}
