package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// ErrNoInputFiles means the paths given to Load named no input file (.xlsx, .xls, .et or .csv).
var ErrNoInputFiles = errors.New("没有找到 .xlsx、.xls、.et 或 .csv 文件")

// PathError is a path given on the command line that cannot be read.
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string {
	if errors.Is(e.Err, fs.ErrNotExist) {
		return fmt.Sprintf("%s 不存在", e.Path)
	}
	return fmt.Sprintf("无法读取 %s: %v", e.Path, e.Err)
}

func (e *PathError) Unwrap() error { return e.Err }

// Hint tells the user what to check.
func (e *PathError) Hint() string {
	return "检查路径是否拼写正确；路径含空格时请加引号"
}

// NeverSent says why a file or folder is never what a township sent, or "" when it may be: Excel's ~$
// lock files, hidden files and folders, and what macOS adds to an archive (a __MACOSX folder, wherever it
// was unpacked). name is its path inside what was given — a folder walked, an archive's entry, a
// browser's upload — with / or \ between folders: a hidden folder given by name is read. Loading a
// folder or an archive and the web page's importer pass over the same files by it.
func NeverSent(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	base := path.Base(name)
	switch {
	case slices.Contains(strings.Split(name, "/"), "__MACOSX"):
		return "macOS 压缩时附带的文件"
	case strings.HasPrefix(base, "~$"):
		return "Excel 打开时留下的临时文件"
	case strings.HasPrefix(base, ".") && base != "." && base != "..":
		return "隐藏文件"
	}
	return ""
}

// expandPaths turns the files and folders the user named into a sorted list of input files. Folders
// are walked recursively for .xlsx, .xls, .et (WPS) and .csv files; what NeverSent names (lock files,
// hidden files and folders, __MACOSX) is skipped. A file named explicitly is kept
// whatever its extension, so that the reader can say why it cannot be read rather than silently
// ignoring it.
//
// What electsum wrote itself is never read back: the folders in exclude (this run's --errors-dir)
// and any folder holding a 问题清单.xlsx (the --errors-dir of an earlier run) are skipped, and their
// files are returned as skipped, since a marked copy would load every row a second time.
func expandPaths(paths, exclude []string) (files, skipped []string, err error) {
	seen := map[string]bool{}
	var out []string
	excluded := map[string]bool{}
	for _, e := range exclude {
		if abs, err := filepath.Abs(e); err == nil {
			excluded[abs] = true
		}
	}
	isErrorsDir := func(dir string) bool {
		if abs, err := filepath.Abs(dir); err == nil && excluded[abs] {
			return true
		}
		info, err := os.Stat(filepath.Join(dir, ProblemListName))
		return err == nil && info.Mode().IsRegular()
	}
	add := func(p string) {
		p = filepath.Clean(p)
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, nil, &PathError{Path: root, Err: err}
		}
		if !info.IsDir() {
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return &PathError{Path: p, Err: err}
			}
			name := d.Name()
			if d.IsDir() && isErrorsDir(p) {
				filepath.WalkDir(p, func(p string, d fs.DirEntry, err error) error {
					if err == nil && d.Type().IsRegular() && IsInputFile(d.Name()) {
						skipped = append(skipped, p)
					}
					return nil
				})
				return filepath.SkipDir
			}
			if rel, _ := filepath.Rel(root, p); p != root && NeverSent(filepath.ToSlash(rel)) != "" {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			if IsInputFile(name) || strings.EqualFold(filepath.Ext(name), ".zip") {
				add(p)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	if len(out) == 0 {
		return nil, skipped, fmt.Errorf("%s: %w", strings.Join(paths, ", "), ErrNoInputFiles)
	}
	sort.Strings(out)
	sort.Strings(skipped)
	return out, skipped, nil
}

// IsInputFile tells whether a file's name is one a folder is read for: .xlsx, .xls, .et (WPS) or .csv.
func IsInputFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xls", ".et", ".csv":
		return true
	}
	return false
}
