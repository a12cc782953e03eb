package io.mediapurge.sweep.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * RFC 4180 as S3 Inventory writes it (every field quoted, no header), and the text that
 * is not CSV failing with its line rather than becoming a wrong row.
 */
class CsvRecordsTests {

	@Test
	void quotedFieldsMayHoldCommasDoubledQuotesAndLineBreaks() throws IOException {
		List<List<String>> records = records("\"media\",\"a,b\",\"say \"\"hi\"\"\",\"\"\n"
				+ "\"media\",\"two\nlines\",\"x\",\"y\"\r\n" + "media,plain,3,\"\"\n");

		assertThat(records).containsExactly(List.of("media", "a,b", "say \"hi\"", ""),
				List.of("media", "two\nlines", "x", "y"), List.of("media", "plain", "3", ""));
	}

	@Test
	void theLastRecordNeedsNoLineBreakAndAnEmptyTextHasNoRecord() throws IOException {
		assertThat(records("\"a\",\"b\"")).containsExactly(List.of("a", "b"));
		assertThat(records("")).isEmpty();
	}

	@Test
	void linesAreCountedAcrossQuotedLineBreaks() throws IOException {
		CsvRecords csv = new CsvRecords(new StringReader("\"a\"\n\"b\nc\"\n\"d\"\n"), "file.csv");
		csv.next();
		assertThat(csv.line()).isEqualTo(1);
		csv.next();
		assertThat(csv.line()).isEqualTo(2);
		csv.next();
		assertThat(csv.line()).isEqualTo(4);
		assertThat(csv.next()).isNull();
	}

	@Test
	void aQuoteNeverClosedFailsWithTheFileAndLine() {
		assertThatExceptionOfType(InventoryDataException.class).isThrownBy(() -> records("\"a\",\"b\"\n\"c\",\"d\n"))
			.withMessage("file.csv, line 2: a quoted field that is never closed");
	}

	@Test
	void aQuoteInsideAnUnquotedFieldFails() {
		assertThatExceptionOfType(InventoryDataException.class).isThrownBy(() -> records("\"a\"\nab\"c\n"))
			.withMessage("file.csv, line 2: a double quote inside an unquoted field");
	}

	@Test
	void textAfterAClosingQuoteFails() {
		assertThatExceptionOfType(InventoryDataException.class).isThrownBy(() -> records("\"a\"b,\"c\"\n"))
			.withMessage("file.csv, line 1: text after the closing quote of a field");
	}

	@Test
	void recordsLongerThanTheBufferAreWhole() throws IOException {
		String key = "k".repeat(200_000);
		assertThat(records("\"" + key + "\",\"1\"\n\"x\",\"2\"\n")).containsExactly(List.of(key, "1"),
				List.of("x", "2"));
	}

	private static List<List<String>> records(String text) throws IOException {
		CsvRecords csv = new CsvRecords(new StringReader(text), "file.csv");
		List<List<String>> records = new ArrayList<>();
		for (List<String> record = csv.next(); record != null; record = csv.next()) {
			records.add(record);
		}
		return records;
	}

}
