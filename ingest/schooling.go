package ingest

import (
	"fmt"
	"slices"
	"strings"

	"electsum"
)

// A cadre roster, as the organisation department's own forms have it, often gives 学历 twice — 全日制教育
// (full-time schooling) and 在职教育 (study while in office), each with its 学历 — and no plain 学历. A
// person's 学历 is then the higher of the two, a blank one giving nothing. The two columns are read only
// on a sheet without a 学历 column of its own.

// schoolingModes are the words that start a 全日制 or 在职 学历 header (folded).
var schoolingModes = []string{fold("全日制", true), fold("在职", true)}

// schoolingHeader tells whether a header cell gives a 全日制 or 在职 学历: 全日制学历, 在职教育学历, or 学历
// under 全日制教育 / 在职教育 (named: the cell says 学历), or 全日制教育 written over its values.
func schoolingHeader(child, up string) (ok, named bool) {
	for i, h := range [2]string{child, up + child} {
		if i == 1 && up == "" {
			break // the same text again
		}
		f := fold(stripBracketed(h), true)
		for _, mode := range schoolingModes {
			rest, ok := strings.CutPrefix(f, mode)
			if !ok {
				continue
			}
			rest, schooling := strings.CutPrefix(rest, fold("教育", true))
			switch {
			case rest == fold("学历", true):
				return true, true
			case schooling && rest == "":
				return true, false
			}
		}
	}
	return false, false
}

// education is a members row's 学历: its 学历 cell, else the higher of its schooling columns'.
func (sp *sheetParser) education(cells []string, row int) string {
	if sp.lay.col[fEducation] >= 0 || len(sp.lay.schooling) == 0 {
		return sp.enumValue(cells, row, fEducation, true, false)
	}
	var given [][]string // each filled cell's 学历, as the canonical values it may stand for
	for _, c := range sp.lay.schooling {
		v := cleanAt(cells, c.index)
		if v == "" || noneMark(v) {
			continue
		}
		if canon, ok := parseEnum("education", v); ok {
			given = append(given, []string{canon})
			continue
		}
		if r, ok := educationRange(v); ok {
			sp.educationRangeNotice(row, c.text, cellRef(c.index, row), v, r)
			given = append(given, electsum.EducationRanges()[r])
			continue
		}
		sp.fp.add(Problem{Severity: Error, Sheet: sp.name, Row: row, Column: c.text, Cell: cellRef(c.index, row), Value: v, Rule: "bad_enum",
			Message: badEnumMessage(cellLabel(c.text, c.index, row), v, electsum.Educations())})
		return ""
	}
	if len(given) == 0 {
		c := sp.lay.schooling[0]
		sp.fp.add(Problem{Severity: Error, Sheet: sp.name, Row: row, Column: c.text, Cell: cellRef(c.index, row), Rule: "missing_value",
			Message: fmt.Sprintf("%s为必填项，本行未填写：请至少填写%s中的一项", sp.schoolingLabels(row), sp.schoolingNames())})
		return ""
	}
	return higherEducation(given)
}

// higherEducation is the higher 学历 of the values given, each a set of the values it may stand for
// (one value, or a range's): a value when that is certain, a range's name when the higher is one of
// its values, "" when neither can be said.
func higherEducation(given [][]string) string {
	order := electsum.Educations() // highest first
	higher := given[0]
	for _, next := range given[1:] {
		var out []string
		for _, a := range higher {
			for _, b := range next {
				v := order[min(slices.Index(order, a), slices.Index(order, b))]
				if !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
		}
		higher = out
	}
	if len(higher) == 1 {
		return higher[0]
	}
	for name, covers := range electsum.EducationRanges() {
		if len(covers) == len(higher) && !slices.ContainsFunc(higher, func(v string) bool { return !slices.Contains(covers, v) }) {
			return name
		}
	}
	return ""
}

// schoolingLabels names a row's schooling cells: 全日制学历(J5)、在职学历(L5).
func (sp *sheetParser) schoolingLabels(row int) string {
	var out []string
	for _, c := range sp.lay.schooling {
		out = append(out, cellLabel(c.text, c.index, row))
	}
	return strings.Join(out, "、")
}

// schoolingNames names the schooling columns as written: “全日制学历”“在职学历”.
func (sp *sheetParser) schoolingNames() string {
	var out []string
	for _, c := range sp.lay.schooling {
		out = append(out, "“"+c.text+"”")
	}
	return strings.Join(out, "")
}

// schoolingNotice says how the sheet's schooling columns are read: for its 学历, or not at all beside a
// 学历 column.
func (sp *sheetParser) schoolingNotice(l *layout) {
	if l.col[fEducation] >= 0 {
		for _, c := range l.schooling {
			sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: l.headerEnd, Column: c.text, Cell: cellRef(c.index, l.headerEnd),
				Value: c.text, Rule: "unknown_column", Message: fmt.Sprintf("%s的列“%s”不是标准列，已忽略(学历按“%s”列)", sp.where(), c.text, l.header[fEducation])})
		}
		return
	}
	c := l.schooling[0]
	sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: l.headerEnd, Column: c.text, Cell: cellRef(c.index, l.headerEnd), Value: c.text, Rule: "education_of_schooling",
		Message: fmt.Sprintf("%s没有“学历”列，各人的学历按%s中较高的一项统计：如不对，请添加“学历”列并填写", sp.where(), sp.schoolingNames())})
}
