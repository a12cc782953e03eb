package io.mediapurge.operations.plan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan's cells come from CMS documents: none may reach a spreadsheet as a formula.
 */
class DryRunPlanCsvTests {

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\n=HYPERLINK(\"x\")", " =1+1",
			"   @SUM(A1)", "\u00a0=1", "\u3000=1", "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20SUM(A1)", " \uff1d1" })
	void aCellThatASpreadsheetCouldReadAsAFormulaIsPrefixed(String cell) {
		assertThat(DryRunPlanCsv.quote(cell)).isEqualTo("\"'" + cell.replace("\"", "\"\"") + "\"");
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "g-1", "galleries/a b.jpg", " leading space", "a=b", "1-2", "mail@example.com", "" })
	void anOrdinaryCellIsKept(String cell) {
		assertThat(DryRunPlanCsv.quote(cell)).isEqualTo("\"" + cell + "\"");
	}

}
