package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeCSV returns the text of a CSV file written as UTF-8, UTF-8 with a BOM, or GB18030/GBK (what
// Chinese Excel writes by default). Valid UTF-8 is taken as UTF-8: GBK text of any length is almost
// never valid UTF-8.
func decodeCSV(data []byte) ([]byte, error) {
	if bytes.HasPrefix(data, utf8BOM) {
		return data[len(utf8BOM):], nil
	}
	if utf8.Valid(data) {
		return data, nil
	}
	return simplifiedchinese.GB18030.NewDecoder().Bytes(data)
}

// parseCSV reads a CSV file as one sheet; its header decides which sheet it is.
func parseCSV(fp *fileParser, data []byte) error {
	text, err := decodeCSV(data)
	if err != nil {
		return &FileError{Path: fp.path, Kind: ErrCorrupt, Err: fmt.Errorf("decode GB18030: %w", err)}
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = sniffComma(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true // the sheet parser copies what it keeps
	sp := fp.sheet("")
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return &FileError{Path: fp.path, Kind: ErrCorrupt, Err: err}
		}
		line, _ := r.FieldPos(0)
		sp.row(line, rec)
	}
	sp.end()
	return nil
}

// sniffComma picks the delimiter most used in the first few kilobytes: comma, tab or semicolon. A
// title line above the header has none, so the first line alone cannot decide.
func sniffComma(text []byte) rune {
	head := text[:min(len(text), 8<<10)]
	best, bestN := ',', bytes.Count(head, []byte{','})
	for _, c := range []rune{'\t', ';'} {
		if n := bytes.Count(head, []byte{byte(c)}); n > bestN {
			best, bestN = c, n
		}
	}
	return best
}
