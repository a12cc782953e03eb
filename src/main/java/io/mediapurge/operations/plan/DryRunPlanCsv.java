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
 * has one row). Every field is quoted; a field a spreadsheet would read as a formula
 * (starting with {@code = + - @}, a tab or a carriage return) is prefixed with {@code '}.
 */
public final class DryRunPlanCsv {

	static final String HEADER = "content_type,document_id,object_id,action,image_kind,image,reason_code,reason";

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
		if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
			value = "'" + value;
		}
		return '"' + value.replace("\"", "\"\"") + '"';
	}

}
