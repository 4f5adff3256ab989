package ingest

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on text values. A real person's name is a few characters and a place name a few dozen; a
// value far beyond that is a paste gone wrong (a whole paragraph, a column of cells) and would only
// make reports and messages unreadable.
const (
	maxPersonName = 50  // 姓名, in characters
	maxPlaceName  = 100 // 县, 乡镇, 村(社区), in characters
	maxShownValue = 40  // how much of a value a message quotes
)

// isForbidden reports a character that has no place in a cell: the C0 controls other than tab and
// line breaks (those are trimmed as spaces), DEL, the C1 controls, and the invisible marks that
// reorder how text is shown (bidirectional overrides, embeddings, isolates and marks). Each makes a
// name that looks like another but is not (河\0岭村 beside 河岭村) or rewrites a terminal (ESC).
func isForbidden(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r'
	case r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// firstForbidden returns the first forbidden character of s. It looks at bytes first: only ASCII
// controls and the lead bytes of the forbidden ranges (0xC2, 0xD8, 0xE2) can start one, so ordinary
// Chinese text is passed over without decoding.
func firstForbidden(s string) (rune, bool) {
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xd8 || b == 0xe2:
			r, _ := utf8.DecodeRuneInString(s[i:])
			if isForbidden(r) {
				return r, true
			}
		}
	}
	return 0, false
}

// dropForbidden removes the forbidden characters of s.
func dropForbidden(s string) string {
	return strings.Map(func(r rune) rune {
		if isForbidden(r) {
			return -1
		}
		return r
	}, s)
}

// visible writes every control or forbidden character of s as [U+001B], so that a message shows
// what is in the cell instead of acting on the terminal.
func visible(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return isForbidden(r) || unicode.IsControl(r) && r != '\n' }) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isForbidden(r) || unicode.IsControl(r) && r != '\n' {
			fmt.Fprintf(&b, "[U+%04X]", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// shown is a value as a message quotes it: visible, and cut after maxShownValue characters with
// the full length said (前四十字…(共5000字)).
func shown(v string) string {
	v = visible(v)
	if n := utf8.RuneCountInString(v); n > maxShownValue {
		cut := []rune(v)[:maxShownValue]
		return fmt.Sprintf("%s…(共%d字)", string(cut), n)
	}
	return v
}

// checkCharacters reports every cell of a known column that holds a forbidden character, at that
// cell, and drops the characters, so that the row's other checks judge the text the user sees.
func (sp *sheetParser) checkCharacters(row int, cells []string) {
	for f, i := range sp.lay.col {
		if i < 0 || i >= len(cells) {
			continue
		}
		r, bad := firstForbidden(cells[i])
		if !bad {
			continue
		}
		sp.problem(Error, "control_character", row, field(f), cells[i],
			fmt.Sprintf("%s含有看不见的控制字符 U+%04X，会形成看起来相同、实际不同的名称：请删除该单元格内容后重新输入", sp.label(field(f), row), r))
		cells[i] = dropForbidden(cells[i])
	}
}

// limitLength reports a value longer than max characters; the value is kept, since the row has an
// error anyway.
func (sp *sheetParser) limitLength(row int, f field, v string, max int) string {
	if n := utf8.RuneCountInString(v); n > max {
		sp.problem(Error, "value_too_long", row, f, v,
			fmt.Sprintf("%s“%s”有%d个字，超过%d个字的上限：请核对是否误粘贴了其他内容", sp.label(f, row), v, n, max))
	}
	return v
}
