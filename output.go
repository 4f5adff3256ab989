package electsum

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Output is the one way electsum writes a file the user asked for (an annex, a report, a query result,
// a template, a marked-up copy): every writer goes through WriteFile, so that no output clobbers
// anything by mistake.
//
//   - An existing file is replaced only when Force is set (--force); otherwise *ExistsError.
//   - The Database (and its WAL) and the Inputs (every file recorded in ingest_log) are never written,
//     Force or not: *ProtectedError.
//   - An existing folder or a symbolic link at the path is refused with *NotFileError: electsum never
//     writes through a link.
//   - The bytes go to a temporary file in the target folder, which is renamed into place only when the
//     whole file is on disk: a full disk or an error leaves the old file (or none), never a partial one.
//   - Files are created with mode 0644.
type Output struct {
	Force    bool
	Database string   // the database file of the run, if any
	Inputs   []string // files loaded into it (ingest_log paths)
}

// ExistsError means the output file exists and --force was not given.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return fmt.Sprintf("%s 已存在，没有覆盖", e.Path) }

// Hint says what to do.
func (e *ExistsError) Hint() string { return "换一个文件名，或加 --force 覆盖" }

// ProtectedError means the output path is a file electsum must never write over: the database or an
// input file it loaded.
type ProtectedError struct {
	Path string
	What string // 数据库 or 已导入的原始表格
}

func (e *ProtectedError) Error() string {
	return fmt.Sprintf("%s 是%s，不能作为输出文件(加 --force 也不行)", e.Path, e.What)
}

// Hint says what to do.
func (e *ProtectedError) Hint() string { return "用 -o 指定另一个文件名" }

// NotFileError means the output path is a folder, a symbolic link or another non-regular file.
type NotFileError struct {
	Path string
	Kind string // 文件夹, 符号链接 …
}

func (e *NotFileError) Error() string {
	return fmt.Sprintf("%s 是一个%s，不能写成文件", e.Path, e.Kind)
}

// Hint says what to do.
func (e *NotFileError) Hint() string {
	if e.Kind == "文件夹" {
		return "在 -o 中写出文件名，如 " + filepath.Join(e.Path, "结果.xlsx")
	}
	return "用 -o 指定一个普通文件的路径"
}

// WriteFile writes path with what write produces, under the rules of Output.
func (o Output) WriteFile(path string, write func(w io.Writer) error) error {
	if err := o.check(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("写文件 %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // nothing left to remove after a successful rename
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("写文件 %s: %w", path, err)
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("写文件 %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("写文件 %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("写文件 %s: %w", path, err)
	}
	if !o.Force {
		// A hard link fails if the name was taken meanwhile: no check-then-write race.
		err := os.Link(tmp.Name(), path)
		if errors.Is(err, os.ErrExist) {
			return &ExistsError{Path: path}
		}
		if err == nil {
			return nil
		}
		// Some file systems (FAT, some network shares) have no hard links; fall back to a rename.
	}
	if err := o.check(path); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("写文件 %s: %w", path, err)
	}
	return nil
}

// Dir makes sure path is a folder that outputs can go to, creating it (and its parents) if needed.
func (o Output) Dir(path string) error {
	fi, err := os.Stat(path)
	switch {
	case err == nil && !fi.IsDir():
		return &NotFolderError{Path: path}
	case err == nil:
		return nil
	case !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("检查文件夹 %s: %w", path, err)
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return fmt.Errorf("创建文件夹 %s: %w", path, err)
	}
	return nil
}

// NotFolderError means an output folder's path names an existing file.
type NotFolderError struct{ Path string }

func (e *NotFolderError) Error() string {
	return fmt.Sprintf("%s 是一个文件，不是文件夹", e.Path)
}

// Hint says what to do.
func (e *NotFolderError) Hint() string { return "用 -o 指定一个文件夹(不存在时会创建)" }

// check refuses path when it is protected, not a regular file, or (without Force) exists.
func (o Output) check(path string) error {
	if what, ok := o.protected(path); ok {
		return &ProtectedError{Path: path, What: what}
	}
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("检查 %s: %w", path, err)
	case fi.Mode()&os.ModeSymlink != 0:
		return &NotFileError{Path: path, Kind: "符号链接"}
	case fi.IsDir():
		return &NotFileError{Path: path, Kind: "文件夹"}
	case !fi.Mode().IsRegular():
		return &NotFileError{Path: path, Kind: "特殊文件"}
	case !o.Force:
		return &ExistsError{Path: path}
	}
	return nil
}

// protected reports whether path is the Database, its WAL or one of the Inputs: the same name once made
// absolute, or the same file reached another way (a link, a relative path from elsewhere).
func (o Output) protected(path string) (string, bool) {
	abs, _ := filepath.Abs(path)
	target, statErr := os.Stat(path)
	same := func(p string) bool {
		if pa, err := filepath.Abs(p); err == nil && pa == abs {
			return true
		}
		fi, err := os.Stat(p)
		return statErr == nil && err == nil && os.SameFile(fi, target)
	}
	if o.Database != "" && (same(o.Database) || same(o.Database+".wal")) {
		return "数据库", true
	}
	for _, p := range o.Inputs {
		if same(p) {
			return "已导入的原始表格", true
		}
	}
	return "", false
}
