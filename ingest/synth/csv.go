package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/text/encoding/simplifiedchinese"

	"electsum/ingest"
)

// Encoding is how a CSV file is encoded.
type Encoding int

const (
	UTF8BOM Encoding = iota // UTF-8 with a byte-order mark, as Excel writes "CSV UTF-8"
	GBK                     // GBK, what Chinese Excel writes for plain "CSV"
)

// WriteCSV writes a township's two sheets as CSV files, dir/<township>_选举结果.csv and
// dir/<township>_当选人员.csv, the way Excel saves a sheet: title rows and the 合计 row kept, merged
// cells not (a CSV has none, so the township is written on every row). It returns the two paths.
func WriteCSV(t *Township, dir string, enc Encoding) ([]string, error) {
	return writeCSV(t, dir, enc, shape{csv: true})
}

func writeCSV(t *Township, dir string, enc Encoding, sh shape) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create folder %s: %w", dir, err)
	}
	results, members := layoutSheets(t, sh)
	var paths []string
	for _, s := range []struct {
		kind ingest.SheetKind
		sh   *sheet
	}{{ingest.ResultsSheet, results}, {ingest.MembersSheet, members}} {
		var buf bytes.Buffer
		if enc == UTF8BOM {
			buf.WriteString("\ufeff")
		}
		w := csv.NewWriter(&buf)
		w.UseCRLF = true // as Excel writes
		for _, row := range s.sh.rows {
			record := make([]string, len(row))
			for i, v := range row {
				if v != nil {
					record[i] = fmt.Sprint(v)
				}
			}
			if err := w.Write(record); err != nil {
				return nil, err
			}
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return nil, err
		}
		data := buf.Bytes()
		if enc == GBK {
			var err error
			if data, err = simplifiedchinese.GBK.NewEncoder().Bytes(data); err != nil {
				return nil, fmt.Errorf("encode %s as GBK: %w", t.Name, err)
			}
		}
		path := filepath.Join(dir, t.Name+"_"+string(s.kind)+".csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}
