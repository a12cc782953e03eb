package io.mediapurge.operations.plan;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.mediapurge.operations.plan.DryRunPlan.Document;
import io.mediapurge.operations.plan.DryRunPlan.Skipped;

/**
 * A plan as CSV (RFC 4180), one row per document and image, so a spreadsheet can filter
 * it:
 * {@code content_type,document_id,object_id,action,image_kind,image,reason_code,reason}.
 * {@code action} is {@code purge}, {@code block} or {@code skip}; {@code image_kind} is
 * {@code delete}, {@code shared}, {@code external} or empty (a document without images
 * has one row). Every field is quoted; a field a spreadsheet could read as a formula
 * (starting with {@code = + - @} or their full-width forms, possibly after spaces, or
 * with a tab, a carriage return or a line feed) is prefixed with {@code '}.
 */
public final class DryRunPlanCsv {

	static final String HEADER = "content_type,document_id,object_id,action,image_kind,image,reason_code,reason";

	/** Formula characters and their full-width forms. */
	private static final String FORMULA_STARTS = "=+-@\uff1d\uff0b\uff0d\uff20";

	/** What a spreadsheet may trim before it looks for a formula. */
	private static final String BLANKS = " \u00a0\u3000";

	private DryRunPlanCsv() {
	}

	/**
	 * @param plan a plan
	 * @return it as CSV, lines ending in CRLF
	 */
	public static String write(DryRunPlan plan) {
		StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
		for (Document document : plan.documents()) {
			List<String[]> images = new ArrayList<>();
			document.keysToDelete().forEach(key -> images.add(new String[] { "delete", key }));
			document.keysShared().forEach(key -> images.add(new String[] { "shared", key }));
			document.externalUrls().forEach(url -> images.add(new String[] { "external", url }));
			if (images.isEmpty()) {
				images.add(new String[] { "", "" });
			}
			for (String[] image : images) {
				row(csv, document.contentType(), document.documentId(), document.objectId(), document.action(),
						image[0], image[1], document.blockedReasonCode(), document.blockedReason());
			}
		}
		for (Skipped skipped : plan.skipped()) {
			row(csv, skipped.contentType(), skipped.documentId(), "", "skip", "", "", skipped.reasonCode(),
					skipped.reason());
		}
		return csv.toString();
	}

	private static void row(StringBuilder csv, @Nullable String... fields) {
		for (int i = 0; i < fields.length; i++) {
			if (i > 0) {
				csv.append(',');
			}
			csv.append(quote(fields[i]));
		}
		csv.append("\r\n");
	}

	static String quote(@Nullable String field) {
		String value = (field != null) ? field : "";
		if (formulaLike(value)) {
			value = "'" + value;
		}
		return '"' + value.replace("\"", "\"\"") + '"';
	}

	/**
	 * Whether a spreadsheet could read the cell as a formula: it starts with a formula
	 * character, its full-width look-alike (which some spreadsheets normalise), a tab, a
	 * carriage return or a line feed, or with spaces before a formula character (which
	 * some spreadsheets trim).
	 */
	private static boolean formulaLike(String value) {
		if (value.isEmpty()) {
			return false;
		}
		if ("\t\r\n".indexOf(value.charAt(0)) >= 0) {
			return true;
		}
		int first = 0;
		while (first < value.length() && BLANKS.indexOf(value.charAt(first)) >= 0) {
			first++;
		}
		return first < value.length() && FORMULA_STARTS.indexOf(value.charAt(first)) >= 0;
	}

}
