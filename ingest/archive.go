package ingest

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A township often sends its sheets packed in one .zip (打包发送). Load unpacks each .zip it is given, or
// finds in a folder, into a temporary folder and loads the spreadsheets inside as files of their own, each
// under the archive's path and its path inside it (收到的表格/青石镇.zip/东山村.xlsx): the messages, the
// marked copies, ingest_log and a later run of the same archive (its files unchanged) name what the user
// sees. Other entries (a Word cover letter, a scan) are passed over, as in a folder; an archive holding no
// spreadsheet is read as a file, whose message says so.

// maxUnpacked caps what the archives of one run may unpack to, whatever their entries declare.
const maxUnpacked = 4 << 30

// errUnpackedTooLarge is a run whose archives unpack to more than maxUnpacked.
var errUnpackedTooLarge = fmt.Errorf("压缩包解压后合计超过 %s 的上限：请分批导入", bytesText(maxUnpacked))

// archives are the files of a run with its .zip archives unpacked.
type archives struct {
	files []string          // the run's files, each archive replaced by its spreadsheets
	names map[string]string // LoadOptions.Names, and each unpacked spreadsheet's name
	dir   string            // the temporary folder ("": none was needed)
}

// remove deletes the unpacked files.
func (a archives) remove() {
	if a.dir != "" {
		os.RemoveAll(a.dir)
	}
}

// unpackArchives unpacks the .zip files among files. An entry larger than maxFile is unpacked to one
// byte past it, so that the reader refuses it as it refuses such a file (readCapped). An archive
// without a spreadsheet inside is passed over when a folder held it (as a folder's other files are),
// and read, to say so, when it was named (given).
func unpackArchives(files, given []string, names map[string]string, maxFile int64) (archives, error) {
	a := archives{files: files, names: names}
	named := map[string]bool{}
	for _, g := range given {
		named[filepath.Clean(g)] = true
	}
	var total int64
	for i := 0; i < len(a.files); i++ {
		p := a.files[i]
		if !strings.EqualFold(filepath.Ext(p), ".zip") {
			continue
		}
		zr, err := zip.OpenReader(p)
		if err != nil {
			continue // damaged, or no zip at all: the reader says so
		}
		var inside []*zip.File
		for _, zf := range zr.File {
			if entry := ZipEntryName(zf); !zf.FileInfo().IsDir() && IsInputFile(entry) && NeverSent(entry) == "" {
				inside = append(inside, zf)
			}
		}
		if len(inside) == 0 {
			zr.Close()
			if !named[p] {
				a.files = slices.Delete(a.files, i, i+1)
				i--
			}
			continue
		}
		if a.dir == "" {
			if a.dir, err = os.MkdirTemp("", "electsum-zip-"); err != nil {
				zr.Close()
				return a, fmt.Errorf("unpack %s: %w", p, err)
			}
			a.names = make(map[string]string, len(names))
			for k, v := range names {
				a.names[k] = v
			}
		}
		archive := names[p]
		if archive == "" {
			if archive, err = filepath.Abs(p); err != nil {
				archive = p
			}
		}
		var out []string
		for _, zf := range inside {
			dst := filepath.Join(a.dir, strconv.Itoa(i)+"-"+strconv.Itoa(len(out)), path.Base(ZipEntryName(zf)))
			n, err := unpackEntry(zf, dst, maxFile)
			if err != nil {
				zr.Close()
				return a, fmt.Errorf("unpack %s from %s: %w", ZipEntryName(zf), p, err)
			}
			if total += n; total > maxUnpacked {
				zr.Close()
				return a, &PathError{Path: p, Err: errUnpackedTooLarge}
			}
			out = append(out, dst)
			a.names[dst] = archive + "/" + ZipEntryName(zf)
		}
		zr.Close()
		a.files = append(a.files[:i:i], append(out, a.files[i+1:]...)...)
		i += len(out) - 1
	}
	return a, nil
}

// unpackEntry writes an entry to dst, at most maxFile+1 bytes of it.
func unpackEntry(zf *zip.File, dst string, maxFile int64) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return 0, err
	}
	rc, err := zf.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	out, err := os.Create(dst)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, io.LimitReader(rc, maxFile+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// ZipEntryName is an entry's name as its author saw it: UTF-8 when flagged or valid, else GBK (Windows'
// zip tools write names so), with / between folders.
func ZipEntryName(zf *zip.File) string {
	name := zf.Name
	if zf.NonUTF8 || !utf8.ValidString(name) {
		if u, err := simplifiedchinese.GB18030.NewDecoder().String(name); err == nil {
			name = u
		}
	}
	return strings.ReplaceAll(name, `\`, "/")
}
