package annex

import (
	"bufio"
	"encoding/csv"
	"io"
	"math"
	"path/filepath"
	"strconv"

	"electsum"
	"electsum/analytics"
)

// WriteCSV writes each table of the annex of s as <表名>.csv into dir (created if needed): UTF-8 with a
// byte-order mark, so that Chinese Excel opens them correctly. Headers are flattened (女性·占比);
// shares are percentages with one decimal; sections become a leading 分组 column; 小计 and 合计 rows
// carry their values. Text goes through electsum.SpreadsheetText, so that a spreadsheet opening the file
// does not run it as a formula. Files are written under the rules of out. It returns the paths written.
func WriteCSV(out electsum.Output, dir string, s *analytics.Summary, opts Options) ([]string, error) {
	if err := out.Dir(dir); err != nil {
		return nil, err
	}
	ts, err := tables(s, opts)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, t := range ts {
		path := filepath.Join(dir, t.sheet+".csv")
		if err := out.WriteFile(path, func(w io.Writer) error { return writeCSV(w, t) }); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// writeCSV writes one table as CSV to f.
func writeCSV(f io.Writer, t *table) error {
	bw := bufio.NewWriter(f)
	bw.WriteString("\uFEFF")
	w := csv.NewWriter(bw)
	w.UseCRLF = true // what Excel writes and expects
	sections := false
	for _, r := range t.rows {
		sections = sections || r.kind == sectionRow
	}
	var header []string
	if sections {
		header = append(header, "分组")
	}
	for _, c := range t.cols {
		label := c.label
		if c.group != "" {
			label = c.group + "·" + label
		}
		if c.kind == share {
			label += "(%)"
		}
		header = append(header, label)
	}
	if err := w.Write(header); err != nil {
		return err
	}
	section := ""
	record := make([]string, 0, len(header))
	err := t.each(func(r row) error {
		if r.kind == sectionRow {
			section = r.cells[0].s
			return nil
		}
		record = record[:0]
		if sections {
			record = append(record, section)
		}
		for i, c := range r.cells {
			k := c.kind
			if k == inherit {
				k = t.cols[i].kind
			}
			record = append(record, csvValue(c, k))
		}
		return w.Write(record)
	})
	if err != nil {
		return err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return nil
}

func csvValue(c cell, k kind) string {
	switch {
	case k == text || (!c.ok && c.s != ""):
		return electsum.SpreadsheetText(c.s)
	case !c.ok:
		return ""
	case k == share:
		return strconv.FormatFloat(excelRound(c.v*100, 1), 'f', 1, 64)
	case k == decimal:
		return strconv.FormatFloat(excelRound(c.v, 1), 'f', 1, 64)
	}
	return strconv.FormatFloat(math.Round(c.v), 'f', 0, 64)
}
