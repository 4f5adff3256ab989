package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"electsum"
)

// ProblemListName is the file name of the list of all problems that WriteErrorsDir writes.
const ProblemListName = "问题清单.xlsx"

// Limits for re-opening a user's workbook to mark it up: the same order as the reader's, so that a
// file the reader accepted opens here too, and a zip bomb does not.
const (
	markupUnzipLimit    = 512 << 20
	markupUnzipXMLLimit = 256 << 20
)

// fills are the highlight colours by severity: Excel's own "bad" red, "neutral" yellow and a pale blue.
var fills = map[Severity]string{Error: "FFC7CE", Warning: "FFEB9C", Notice: "DDEBF7"}

// WriteErrorsDir writes what a county clerk sends back to a township: for each workbook input (.xlsx,
// .xls, .et) with errors or warnings, a copy named <name>_问题标注.xlsx (an .xlsx also for an .xls) with
// every problem cell filled (red for errors, yellow for warnings, blue for notices) and the messages
// as a cell comment — a problem about a whole row
// marks the row's first cell; plus one 问题清单.xlsx listing every problem of every file. CSV inputs
// (and workbooks that cannot be opened at all) appear in 问题清单.xlsx only: a CSV file cannot hold
// colours or comments, and converting it would hand back a file the township did not send. Sources
// are the input paths, used to find the file a problem names. Every file is written under the rules
// of out (never over an input, an existing file only with Force). It returns the files written.
func WriteErrorsDir(out electsum.Output, dir string, problems []Problem, sources []string) ([]string, error) {
	paths := map[string]string{}
	for _, p := range problems {
		paths[p.File] = resolveSource(p.File, sources)
	}
	out.Inputs = append(slices.Clip(out.Inputs), sources...)
	return WriteErrorsDirNamed(out, dir, problems, paths)
}

// WriteErrorsDirNamed is WriteErrorsDir for files loaded under names of their own (LoadOptions.Names):
// paths gives, by the name the problems use, the path each file is read from; a marked copy is named
// after the file's name (青山镇_问题标注.xlsx), and a file without a path is listed only. No name is
// ever read as a path.
func WriteErrorsDirNamed(out electsum.Output, dir string, problems []Problem, paths map[string]string) ([]string, error) {
	for _, p := range slices.Sorted(maps.Values(paths)) {
		if !slices.Contains(out.Inputs, p) {
			out.Inputs = append(slices.Clip(out.Inputs), p)
		}
	}
	if err := out.Dir(dir); err != nil {
		return nil, err
	}
	byFile := map[string][]Problem{}
	for _, p := range problems {
		byFile[p.File] = append(byFile[p.File], p)
	}
	var written []string
	used := map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(byFile)) {
		src, ok := paths[name]
		if !ok || !markable(src) || !worthMarking(byFile[name]) {
			continue
		}
		base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)) + "_问题标注"
		copyName := base + ".xlsx"
		for i := 2; used[copyName]; i++ {
			copyName = fmt.Sprintf("%s_%d.xlsx", base, i)
		}
		used[copyName] = true
		dst := filepath.Join(dir, copyName)
		ok, err := markWorkbook(out, src, dst, byFile[name])
		if err != nil {
			return written, fmt.Errorf("mark %s: %w", name, err)
		}
		if ok {
			written = append(written, dst)
		}
	}
	list := filepath.Join(dir, ProblemListName)
	if err := writeProblemList(out, list, problems); err != nil {
		return written, fmt.Errorf("write %s: %w", list, err)
	}
	return append(written, list), nil
}

// resolveSource finds the input path a problem's File names: the path itself, or the one input with
// that base name.
func resolveSource(file string, sources []string) string {
	for _, s := range sources {
		if s == file {
			return s
		}
	}
	var match string
	for _, s := range sources {
		if filepath.Base(s) == filepath.Base(file) {
			if match != "" {
				return file
			}
			match = s
		}
	}
	if match != "" {
		return match
	}
	return file
}

// markable says whether a marked copy can be made of an input: a workbook, not a CSV file.
func markable(src string) bool {
	switch strings.ToLower(filepath.Ext(src)) {
	case ".xlsx", ".xls", ".et":
		return true
	}
	return false
}

// worthMarking says whether a file's problems call for a marked copy: an error or a warning with a
// place in the workbook. A file with notices only (an extra column) needs nothing sent back.
func worthMarking(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity != Notice && p.Sheet != "" && (p.Cell != "" || p.Row > 0) {
			return true
		}
	}
	return false
}

// markWorkbook writes a copy of src with the problems marked. It reports false, without error, when
// src cannot be opened or marked as a workbook — even when the workbook library panics on it: the file's
// problems are in the list all the same, and one odd file must not cost the user the list.
func markWorkbook(out electsum.Output, src, dst string, problems []Problem) (ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			ok, err = false, nil
		}
	}()
	data, err := os.ReadFile(src)
	if err != nil {
		return false, nil
	}
	f, err := openForMarking(data)
	if err != nil {
		return false, nil
	}
	defer f.Close()
	type place struct{ sheet, cell string }
	notes := map[place][]Problem{}
	var places []place
	sheets := map[string]bool{}
	for _, s := range f.GetSheetList() {
		sheets[s] = true
	}
	for _, p := range problems {
		cell := p.Cell
		if cell == "" && p.Row > 0 {
			cell = fmt.Sprintf("A%d", p.Row)
		}
		if !sheets[p.Sheet] || cell == "" {
			continue
		}
		k := place{p.Sheet, cell}
		if _, ok := notes[k]; !ok {
			places = append(places, k)
		}
		notes[k] = append(notes[k], p)
	}
	// Comments the township wrote are kept, after ours, since a cell holds one comment.
	existing := map[place]string{}
	for s := range sheets {
		cs, _ := f.GetComments(s)
		for _, c := range cs {
			t := c.Text
			for _, r := range c.Paragraph {
				t += r.Text
			}
			existing[place{s, c.Cell}] = t
		}
	}
	rank := map[Severity]int{Error: 0, Warning: 1, Notice: 2}
	styles := map[[2]any]int{}
	for _, k := range places {
		ps := notes[k]
		worst := ps[0].Severity
		var text []string
		for _, p := range ps {
			if rank[p.Severity] < rank[worst] {
				worst = p.Severity
			}
			text = append(text, fmt.Sprintf("【%s】%s", p.Severity, p.Message))
		}
		base, err := f.GetCellStyle(k.sheet, k.cell)
		if err != nil {
			return false, err
		}
		id, ok := styles[[2]any{base, worst}]
		if !ok {
			// Keep the cell's own number format, font and borders; change only the fill.
			st, err := f.GetStyle(base)
			if err != nil || st == nil {
				st = &excelize.Style{}
			}
			st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fills[worst]}}
			if id, err = f.NewStyle(st); err != nil {
				return false, err
			}
			styles[[2]any{base, worst}] = id
		}
		if err := f.SetCellStyle(k.sheet, k.cell, k.cell, id); err != nil {
			return false, err
		}
		if old, ok := existing[k]; ok {
			text = append(text, old)
			if err := f.DeleteComment(k.sheet, k.cell); err != nil {
				return false, err
			}
		}
		if err := f.AddComment(k.sheet, excelize.Comment{Author: "electsum", Cell: k.cell, Text: strings.Join(text, "\n"),
			Width: 260, Height: uint(60 + 20*len(text))}); err != nil {
			return false, err
		}
	}
	return true, out.WriteFile(dst, func(w io.Writer) error { _, err := f.WriteTo(w); return err })
}

// Parts a workbook needs for its cells to have fills. xl/styles.xml is optional in the format (a
// workbook written by a script may lack it), but the marked copy needs one.
const (
	stylesPart        = "xl/styles.xml"
	minimalStyles     = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
	stylesContentType = `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`
	stylesRelation    = `<Relationship Id="rIdElectsumStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`
)

// stylesTables are the tables of xl/styles.xml that a new cell style refers to; each is optional in
// the format, and a styles part without them (<styleSheet/>, written by some scripts) cannot take a fill.
var stylesTables = regexp.MustCompile(`<(\w+:)?(fonts|fills|borders|cellXfs)[\s>/]`)

// withStyles returns the workbook data with a minimal xl/styles.xml (declared in [Content_Types].xml
// and the workbook's relationships) when it has none, or in place of one that lacks a table a new
// style needs (its cells can refer to no style then); else data unchanged.
func withStyles(data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return data
	}
	declared := false
	for _, f := range zr.File {
		if f.Name != stylesPart {
			continue
		}
		part, err := readPart(f)
		if err != nil {
			return data
		}
		tables := map[string]bool{}
		for _, m := range stylesTables.FindAllSubmatch(part, -1) {
			tables[string(m[2])] = true
		}
		if len(tables) == 4 {
			return data
		}
		declared = true
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name == stylesPart {
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		if err != nil {
			return data
		}
		part, err := readPart(f)
		if err != nil {
			return data
		}
		switch {
		case declared: // the part is named in the content types and relationships already
		case f.Name == "[Content_Types].xml":
			part = bytes.Replace(part, []byte("</Types>"), []byte(stylesContentType+"</Types>"), 1)
		case f.Name == "xl/_rels/workbook.xml.rels":
			part = bytes.Replace(part, []byte("</Relationships>"), []byte(stylesRelation+"</Relationships>"), 1)
		}
		if _, err := w.Write(part); err != nil {
			return data
		}
	}
	w, err := zw.Create(stylesPart)
	if err != nil {
		return data
	}
	w.Write([]byte(minimalStyles))
	if err := zw.Close(); err != nil {
		return data
	}
	return buf.Bytes()
}

func writeProblemList(out electsum.Output, path string, problems []Problem) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "问题清单"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	header := []any{"文件", "工作表", "行", "列", "单元格", "值", "问题", "级别"}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "H1", bold); err != nil {
		return err
	}
	sorted := append([]Problem(nil), problems...)
	SortProblems(sorted)
	for i, p := range sorted {
		var row any
		if p.Row > 0 {
			row = p.Row
		}
		values := []any{p.File, p.Sheet, row, p.Column, p.Cell, p.Value, p.Message, string(p.Severity)}
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &values); err != nil {
			return err
		}
	}
	last := max(len(sorted)+1, 2)
	if err := f.AutoFilter(sheet, fmt.Sprintf("A1:H%d", last), nil); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 28, "B": 10, "C": 6, "D": 12, "E": 8, "F": 16, "G": 70, "H": 6} {
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return out.WriteFile(path, func(w io.Writer) error { _, err := f.WriteTo(w); return err })
}

// readPart is a part of the workbook's zip, at most markupUnzipXMLLimit bytes of it.
func readPart(f *zip.File) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, markupUnzipXMLLimit))
}
