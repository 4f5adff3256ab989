package ingest

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Invisible characters make a second, identical-looking village (河\0岭村 beside 河岭村) or replay
// terminal escapes: each is an error at its cell, and no message carries one raw.
func TestControlCharactersAreErrorsAtTheirCell(t *testing.T) {
	for _, c := range []struct {
		name, unit, person string
		cell               string
	}{
		{"NUL in a unit", "河_x0000_岭村", "张三", "B2"},
		{"ESC sequence in a name", "河岭村", "张_x001B_[31m三", "E2"},
		{"other C0", "河_x0007_岭村", "张三", "B2"},
		{"DEL", "河岭村\x7f", "张三", "B2"},
		{"C1", "河\u0085岭村", "张三", "B2"},
		{"bidi override", "河\u202e岭村", "张三", "B2"},
		{"bidi isolate", "河岭村", "张\u2067三", "E2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			// Excel stores a control character in a cell as _xHHHH_ (ST_Xstring), which excelize writes
			// as text: the marker is put into the shared strings by hand.
			path := writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{membersHeader,
				memberRow(strings.ReplaceAll(c.unit, "_x", "@x"), "村民委员会", strings.ReplaceAll(c.person, "_x", "@x"), "主任", "男", "1975.03", "")}})
			rewriteParts(t, path, func(name string, data []byte) []byte {
				return bytes.ReplaceAll(data, []byte("@x"), []byte("_x"))
			})
			p := mustParse(t, path)
			got := rules(p, Error)
			if len(got) != 1 || got[0] != "control_character@"+c.cell {
				t.Fatalf("errors %v, want control_character@%s", got, c.cell)
			}
			for _, pr := range p.Problems {
				if i := strings.IndexFunc(pr.Message+pr.Value, isForbidden); i >= 0 {
					t.Errorf("problem carries a raw control character: %q", pr.Message)
				}
			}
			if !strings.Contains(p.Problems[0].Message, "U+") {
				t.Errorf("message does not name the character: %s", p.Problems[0].Message)
			}
		})
	}
}

// Tab, line breaks and zero-width spaces are what people paste around names: still trimmed or dropped,
// not errors.
func TestPastedSpacesAreNotControlCharacters(t *testing.T) {
	path := writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{membersHeader,
		memberRow("河岭村\n", "村民委员会", "张\u200b三\t", "主任", "男", "1975.03", "")}})
	p := mustParse(t, path)
	if got := rules(p, Error); len(got) != 0 {
		t.Fatalf("errors %v", got)
	}
	if m := p.Members[0]; m.Unit != "河岭村" || m.Name != "张三" {
		t.Errorf("unit %q name %q", m.Unit, m.Name)
	}
}

// Names beyond a sane length are errors, and the message shows a cut value.
func TestOverlongNamesAreErrors(t *testing.T) {
	longPerson := strings.Repeat("张", maxPersonName+1)
	longPlace := strings.Repeat("村", maxPlaceName+1)
	ok := strings.Repeat("张", maxPersonName)
	path := writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{membersHeader,
		memberRow("河岭村", "村民委员会", longPerson, "主任", "男", "1975.03", ""),
		memberRow(longPlace, "村民委员会", ok, "委员", "男", "1975.03", ""),
	}})
	p := mustParse(t, path)
	got := strings.Join(rules(p, Error), " ")
	if got != "value_too_long@E2 value_too_long@B3" {
		t.Fatalf("errors %s", got)
	}
	for _, pr := range p.Problems {
		if n := utf8.RuneCountInString(pr.Message); n > 200 {
			t.Errorf("message of %d characters: %s", n, pr.Message)
		}
		if utf8.RuneCountInString(pr.Value) > maxShownValue+10 {
			t.Errorf("value not cut: %d characters", utf8.RuneCountInString(pr.Value))
		}
	}
}

// Every message quotes a value cut and with control characters made visible, whichever check wrote it.
func TestMessagesCutLongValues(t *testing.T) {
	huge := strings.Repeat("九", 5000)
	path := writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{resultsHeader, set(resultRow("石桥村", "村民委员会", 5), 5, huge)}})
	p := mustParse(t, path)
	if len(p.Problems) == 0 {
		t.Fatal("no problem for a non-number")
	}
	for _, pr := range p.Problems {
		if n := utf8.RuneCountInString(pr.Message); n > 200 {
			t.Errorf("%s: message of %d characters", pr.Rule, n)
		}
		if strings.IndexFunc(pr.Message, func(r rune) bool { return unicode.IsControl(r) }) >= 0 {
			t.Errorf("control character in %q", pr.Message)
		}
	}
}

// The same in a CSV file, where the bytes arrive as they are.
func TestControlCharactersInCSV(t *testing.T) {
	data := "乡镇,村,年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n城关镇,河\x00岭村,2024,村委会,100,90,5,5\n城关镇,河岭村,2024,村委会,100,90,5,5\n"
	p := mustParse(t, writeFile(t, "results.csv", []byte(data)))
	// Once the NUL is dropped, row 2 is what it looked like: the same village as row 3.
	if got := rules(p, Error); len(got) != 2 || got[0] != "control_character@B2" || got[1] != "duplicate_result@B3" {
		t.Fatalf("errors %v", got)
	}
}

// 出生年月 typed 1975.10 in a General cell arrives as 1975.1: a warning at the cell asks for the month;
// an age that disagrees with the birth month by more than a year is a warning at the age.
func TestBirthTypedAsNumberAndAgeMismatch(t *testing.T) {
	header := append(append([]any{}, membersHeader...), "年龄")
	row := func(name string, birth any, age int) []any {
		return append(memberRow("河岭村", "村民委员会", name, "委员", "男", "", ""), age)
	}
	a, b, c := row("张一", nil, 48), row("张二", nil, 40), row("张三", nil, 49)
	a[7], b[7], c[7] = 1975.10, "1975.03", "1975.03" // a General cell: stored as 1975.1
	path := writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{header, a, b, c}})
	p := mustParse(t, path)
	got := strings.Join(rules(p, Warning), " ")
	if got != "birth_month_ambiguous@H2 age_birth_mismatch@N3" {
		t.Errorf("warnings %q", got)
	}
	if e := rules(p, Error); len(e) != 0 {
		t.Errorf("errors %v", e)
	}
}
