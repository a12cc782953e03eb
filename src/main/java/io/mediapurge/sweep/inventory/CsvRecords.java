package io.mediapurge.sweep.inventory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The records of a CSV text as RFC 4180 writes them: fields separated by commas, records
 * by CRLF or LF, a field in double quotes may hold commas, line breaks and doubled
 * quotes. Streams through a fixed buffer: memory is one record, whatever the text's
 * length. Anything RFC 4180 does not allow (a quote inside an unquoted field, text after
 * a closing quote, a quote never closed) fails with the source and line, never guessed
 * at.
 */
final class CsvRecords {

	private static final int BUFFER = 1 << 16;

	private final Reader reader;

	private final String source;

	private final char[] buffer = new char[BUFFER];

	private int position;

	private int limit;

	private long line = 1;

	private long recordLine;

	/**
	 * @param reader the text
	 * @param source what it is, for messages
	 */
	CsvRecords(Reader reader, String source) {
		this.reader = reader;
		this.source = source;
	}

	/**
	 * @return the next record's fields, or {@code null} at the end of the text
	 * @throws InventoryDataException for text that is not RFC 4180 CSV
	 * @throws IOException when the text cannot be read
	 */
	@Nullable List<String> next() throws IOException {
		int c = read();
		if (c < 0) {
			return null;
		}
		this.recordLine = this.line;
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		while (true) {
			if (c == '"' && field.isEmpty()) {
				c = quoted(field);
			}
			else {
				while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
					if (c == '"') {
						throw malformed("a double quote inside an unquoted field");
					}
					field.append((char) c);
					c = read();
				}
			}
			fields.add(field.toString());
			field.setLength(0);
			if (c == ',') {
				c = read();
				continue;
			}
			endLine(c);
			return fields;
		}
	}

	/**
	 * @return the line of the text on which the last record began (1 for the first)
	 */
	long line() {
		return this.recordLine;
	}

	/** Reads a quoted field after its opening quote; returns the character after it. */
	private int quoted(StringBuilder field) throws IOException {
		while (true) {
			int c = read();
			if (c < 0) {
				throw malformed("a quoted field that is never closed");
			}
			if (c == '"') {
				int after = read();
				if (after != '"') {
					if (after >= 0 && after != ',' && after != '\n' && after != '\r') {
						throw malformed("text after the closing quote of a field");
					}
					return after;
				}
			}
			else if (c == '\n') {
				this.line++;
			}
			field.append((char) c);
		}
	}

	private void endLine(int c) throws IOException {
		if (c == '\r') {
			int after = read();
			if (after != '\n' && after >= 0) {
				this.position--;
			}
		}
		if (c >= 0) {
			this.line++;
		}
	}

	private int read() throws IOException {
		if (this.position == this.limit) {
			int read = this.reader.read(this.buffer, 0, this.buffer.length);
			if (read <= 0) {
				return -1;
			}
			this.position = 0;
			this.limit = read;
		}
		return this.buffer[this.position++];
	}

	private InventoryDataException malformed(String reason) {
		return new InventoryDataException(this.source + ", line " + this.recordLine + ": " + reason);
	}

}
