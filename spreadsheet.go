package electsum

import "strings"

// SpreadsheetText is text as it may go into a CSV file that a spreadsheet will open: text starting with
// = + - @, a tab or a carriage return gets a leading ' so that Excel, WPS and LibreOffice show it
// instead of running it as a formula (=1+2, @SUM(A1), +cmd|' /C calc'!A0). Every CSV electsum writes
// uses it; xlsx cells need nothing, since a text cell is never a formula.
func SpreadsheetText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
