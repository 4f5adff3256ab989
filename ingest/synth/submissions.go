package synth

import (
	"fmt"
	"os"
	"path/filepath"
)

// shape is how a township hands in its sheets. The zero shape is one workbook with both sheets.
type shape struct {
	csv         bool // two CSV files, one per sheet, in GBK as Chinese Excel saves "CSV"
	notes       bool // a 填报单位 row above the header and notes rows under each table (注：…, 填表人：… 审核人：…, 单位负责人：), merged across the row in a workbook
	blankCounty bool // the 县(市、区) column left blank, as the template allows ("可不填")
}

// Shapes are the numbers of townships written in each shape by WriteSubmissions.
type Shapes struct {
	Workbooks int // townships that sent one workbook
	CSV       int // townships that sent two GBK CSV files
	Notes     int // townships with notes rows under their tables
	Blank     int // townships that left the county column blank
	Congress  int // people's congress workbooks, one per township of w.Congress
	Party     int // party congress workbooks, one per township of w.PartyCongress
}

// Files is the number of files written.
func (n Shapes) Files() int { return n.Workbooks + 2*n.CSV + n.Congress + n.Party }

// submissionShape is the shape of the i-th township: every third one (from the second) sends two CSV
// files; the first of those also writes notes under its tables and leaves the county blank; the first
// workbook township after it writes merged notes under its tables.
func submissionShape(i int) shape {
	switch {
	case i%3 == 1:
		return shape{csv: true, notes: i == 1, blankCounty: i == 1}
	case i == 2:
		return shape{notes: true}
	}
	return shape{}
}

// WriteSubmissions writes the World as townships really hand it in, in mixed shapes: most townships as
// one workbook, dir/<county>/<township>.xlsx (as WriteWorkbooks); every third as two GBK CSV files,
// dir/<county>/<township>_选举结果.csv and _当选人员.csv; one CSV township with notes under its tables and
// a blank county column, one workbook township with notes merged across the row. The people's congress
// workbooks of w.Congress (<township>人大换届.xlsx) and the party congress workbooks of w.PartyCongress
// (<township>党代会换届.xlsx) follow as in WriteWorkbooks. The rows are those of the World whatever the
// shape, so loading these files or those of WriteWorkbooks must give the same figures.
func WriteSubmissions(w *World, dir string) ([]string, Shapes, error) {
	var paths []string
	var n Shapes
	for i, t := range w.Townships {
		sh := submissionShape(i)
		// With several counties a blank county cannot be told from the data; the loader rightly asks
		// for --county then, so only a one-county World leaves it blank.
		sh.blankCounty = sh.blankCounty && len(w.Counties) == 1
		folder := filepath.Join(dir, t.County)
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return nil, n, fmt.Errorf("create folder for %s: %w", t.County, err)
		}
		if sh.notes {
			n.Notes++
		}
		if sh.blankCounty {
			n.Blank++
		}
		if sh.csv {
			n.CSV++
			written, err := writeCSV(t, folder, GBK, sh)
			if err != nil {
				return nil, n, fmt.Errorf("write %s: %w", t.Name, err)
			}
			paths = append(paths, written...)
			continue
		}
		n.Workbooks++
		path := filepath.Join(folder, t.Name+".xlsx")
		if err := writeWorkbook(t, path, sh); err != nil {
			return nil, n, fmt.Errorf("write %s: %w", path, err)
		}
		paths = append(paths, path)
	}
	for _, kind := range []struct {
		townships []*Township
		suffix    string
		count     *int
	}{{w.Congress, "人大换届.xlsx", &n.Congress}, {w.PartyCongress, "党代会换届.xlsx", &n.Party}} {
		for _, t := range kind.townships {
			path := filepath.Join(dir, t.County, t.Name+kind.suffix)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return nil, n, fmt.Errorf("create folder for %s: %w", t.County, err)
			}
			if err := writeWorkbook(t, path, shape{}); err != nil {
				return nil, n, fmt.Errorf("write %s: %w", path, err)
			}
			*kind.count++
			paths = append(paths, path)
		}
	}
	return paths, n, nil
}

// notes appends the rows a township writes under its table: a blank row, then a note, the signatures
// and an empty 单位负责人 line, each merged across the whole row in a workbook (a CSV has the text in
// its first cell only).
func (s *sheetWriter) notes(sh *sheet, last string) {
	sh.rows = append(sh.rows, nil)
	for _, text := range []string{
		"注：本表由各村（社区）填报，乡镇汇总；人数均为选举当日数字。",
		fmt.Sprintf("填表人：%s    审核人：%s    填报日期：%d年6月", "王丽", "陈建国", lastYear(s.t)),
		"单位负责人：",
	} {
		sh.rows = append(sh.rows, []any{s.text(text)})
		if !s.shape.csv {
			row := len(sh.rows)
			sh.merges = append(sh.merges, [2]string{cellName(1, row), fmt.Sprintf("%s%d", last, row)})
		}
	}
}
