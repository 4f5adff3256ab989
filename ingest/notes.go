package ingest

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A township's sheet usually ends with rows that are not data: "注：本表由各村填报，镇汇总。",
// "填表人：… 审核人：… 填报日期：…", "单位负责人：", often merged across the whole row. Such a row ends
// the table: it and everything below it are not read as data, and a notice names it.

// noteWords start a notes row, in both scripts.
var noteWords = []string{
	"注", "註", "说明", "說明", "填表说明", "填表說明", "备注", "備註", "附注", "附註",
	"填表人", "填报人", "填報人", "制表人", "製表人", "审核人", "審核人", "负责人", "負責人",
	"单位负责人", "單位負責人", "联系电话", "聯繫電話", "聯絡電話", "填报日期", "填報日期", "填表日期",
}

// maxNoteStart is how far right a note may begin: a note is written from the first cells of the row.
const maxNoteStart = 3

// notesText returns the text of a notes row and the index of its cell, or ok false when the row is not
// one: its first non-empty cell, within the first columns, starts with one of noteWords. When the row
// has other cells too (填表人 in A, 审核人 in E), the word must be followed by a colon, a number or
// nothing, so that a village named 说明村 is never mistaken for a note.
func notesText(cells []string) (text string, index int, ok bool) {
	index, others := -1, 0
	for i, c := range cells {
		if clean(c) == "" {
			continue
		}
		if index < 0 {
			index = i
		} else {
			others++
		}
	}
	if index < 0 || index >= maxNoteStart {
		return "", 0, false
	}
	text = clean(cells[index])
	for _, w := range noteWords {
		rest, found := strings.CutPrefix(text, w)
		if !found {
			continue
		}
		next, _ := utf8.DecodeRuneInString(rest)
		if rest == "" || strings.ContainsRune(":：.．、,，)）", next) || unicode.IsDigit(next) || unicode.IsSpace(next) ||
			(others == 0 && len([]rune(w)) > 1) {
			return text, index, true
		}
	}
	return "", 0, false
}

// endOfTable reports true for a notes row and for every row below it, which are not data. The notes
// row gets a notice; rows below it that are not notes themselves are counted for a warning at the end
// of the sheet, so that nothing is dropped without a word.
func (sp *sheetParser) endOfTable(row int, cells []string) bool {
	if sp.notesRow > 0 {
		if _, _, ok := notesText(cells); !ok {
			if sp.afterRows == 0 {
				sp.afterRow = row
			}
			sp.afterRows++
		}
		return true
	}
	text, index, ok := notesText(cells)
	if !ok {
		return false
	}
	sp.notesRow = row
	sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Cell: cellRef(index, row), Value: text, Rule: "notes_row",
		Message: fmt.Sprintf("%s第%d行“%s”是表格下方的说明，表格到此结束", sp.where(), row, shorten(text, 30))})
	return true
}

// shorten cuts a value for a message to n characters.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
