package io.mediapurge.sweep.inventory;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import io.mediapurge.sweep.inventory.InventoryManifest.DataFile;

/**
 * A data file of an inventory being read: its bytes counted and hashed as they come, then
 * gunzipped and read as CSV records, so that its size and MD5 are checked against the
 * manifest's once its last record was read, without a second download or a copy.
 */
final class InventoryDataFile {

	private static final Logger logger = LoggerFactory.getLogger(InventoryDataFile.class);

	private static final int GZIP_BUFFER = 1 << 16;

	private final DataFile file;

	private final String name;

	private final ResponseInputStream<GetObjectResponse> body;

	private final HashingStream raw;

	private @Nullable CsvRecords records;

	InventoryDataFile(DataFile file, String name, ResponseInputStream<GetObjectResponse> body) {
		this.file = file;
		this.name = name;
		this.body = body;
		this.raw = new HashingStream(body);
		try {
			InputStream gunzipped = new GZIPInputStream(this.raw, GZIP_BUFFER);
			this.records = new CsvRecords(new InputStreamReader(gunzipped,
					StandardCharsets.UTF_8.newDecoder()
						.onMalformedInput(CodingErrorAction.REPORT)
						.onUnmappableCharacter(CodingErrorAction.REPORT)),
					name);
		}
		catch (IOException ex) {
			body.abort();
			throw failure(ex);
		}
	}

	@Nullable List<String> next() {
		try {
			return records().next();
		}
		catch (IOException ex) {
			close();
			throw failure(ex);
		}
		catch (InventoryDataException ex) {
			close();
			throw ex;
		}
	}

	String name() {
		return this.name;
	}

	long line() {
		return (this.records != null) ? this.records.line() : 0;
	}

	/** Reads what follows the gzip data and checks the size and MD5. */
	void finish() {
		try (InputStream raw = this.raw) {
			raw.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw failure(ex);
		}
		String md5 = this.raw.md5();
		if (this.raw.count() != this.file.size() || !md5.equals(this.file.md5())) {
			throw new InventoryDataException(this.name + " has " + this.raw.count() + " bytes of MD5 " + md5
					+ ", the manifest says " + this.file.size() + " bytes of MD5 " + this.file.md5()
					+ ": it is not the file the manifest describes (a plan from it could miss objects)");
		}
		logger.info("Read {} ({} bytes, MD5 as in the manifest)", this.name, this.raw.count());
	}

	void close() {
		this.body.abort();
	}

	private CsvRecords records() {
		if (this.records == null) {
			throw new IllegalStateException("Not open: " + this.name);
		}
		return this.records;
	}

	private RuntimeException failure(IOException ex) {
		if (ex instanceof ZipException || ex instanceof CharacterCodingException || ex instanceof EOFException) {
			return new InventoryDataException(this.name + " is not complete gzip-compressed UTF-8 CSV: "
					+ ex.getMessage() + " (at line " + line() + ")", ex);
		}
		return new UncheckedIOException("Cannot read " + this.name + ": " + ex.getMessage(), ex);
	}

	/** Counts and hashes the bytes read through it. */
	private static final class HashingStream extends FilterInputStream {

		private final MessageDigest md5;

		private long count;

		HashingStream(InputStream in) {
			super(in);
			try {
				this.md5 = MessageDigest.getInstance("MD5");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Every Java platform has MD5", ex);
			}
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				this.md5.update((byte) b);
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			if (n > 0) {
				this.md5.update(b, off, n);
				this.count += n;
			}
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			// every byte must be hashed: read instead of skipping
			return Math.max(0, read(new byte[(int) Math.min(Math.max(n, 1), 8192)]));
		}

		@Override
		public boolean markSupported() {
			return false;
		}

		long count() {
			return this.count;
		}

		String md5() {
			return HexFormat.of().formatHex(this.md5.digest());
		}

	}

}
