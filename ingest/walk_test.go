package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestExpandPaths(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"东镇.xlsx", "西镇.CSV", "说明.docx", "~$东镇.xlsx", ".隐藏.xlsx",
		"北镇/北镇.xlsx", "北镇/旧表/北镇2021.xlsx", ".git/x.xlsx",
		"南镇.xls", "南镇/村表.ET", "~$南镇.xls", "~$村表.et",
		"__MACOSX/北镇.xlsx", "北镇/__MACOSX/北镇/._北镇.xlsx", // an archive from a Mac, unpacked
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	explicit := filepath.Join(dir, "说明.docx") // named on the command line: kept, so the reader can say why it fails
	got, _, err := expandPaths([]string{dir, explicit, filepath.Join(dir, "东镇.xlsx")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		filepath.Join(dir, "东镇.xlsx"),
		filepath.Join(dir, "北镇/北镇.xlsx"),
		filepath.Join(dir, "北镇/旧表/北镇2021.xlsx"),
		filepath.Join(dir, "西镇.CSV"),
		filepath.Join(dir, "南镇.xls"),
		filepath.Join(dir, "南镇/村表.ET"),
		explicit,
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}

	if _, _, err := expandPaths([]string{filepath.Join(dir, "没有")}, nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing path: %v", err)
	}
	empty := t.TempDir()
	if _, _, err := expandPaths([]string{empty}, nil); !errors.Is(err, ErrNoInputFiles) {
		t.Errorf("empty folder: %v", err)
	}
}

// The folder electsum writes with --errors-dir may sit inside the input folder: neither this run's
// (named in exclude) nor an earlier run's (recognised by its 问题清单.xlsx) is read back as input.
func TestExpandPathsSkipsErrorsDirs(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"东镇.xlsx", "退回/" + ProblemListName, "退回/东镇_问题标注.xlsx", "本次/东镇_问题标注.xlsx",
		"北镇/北镇.xlsx", "北镇/旧的退回/" + ProblemListName, "北镇/旧的退回/北镇_问题标注.xlsx",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	got, skipped, err := expandPaths([]string{dir}, []string{filepath.Join(dir, "本次")})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(dir, "东镇.xlsx"), filepath.Join(dir, "北镇/北镇.xlsx")}; !slices.Equal(got, want) {
		t.Errorf("read %v\nwant %v", got, want)
	}
	if len(skipped) != 5 {
		t.Errorf("skipped %v, want the 5 files electsum wrote", skipped)
	}
}

// NeverSent passes over lock files, hidden files and macOS's archive folders, in either separator, and
// nothing a township names itself.
func TestNeverSent(t *testing.T) {
	for _, c := range []struct{ name, why string }{
		{"东镇.xlsx", ""},
		{"城关镇/选举结果.xlsx", ""},
		{`城关镇\选举结果.xls`, ""},
		{"城关镇/.DS_Store", "隐藏文件"},
		{".隐藏/东镇.xlsx", ""}, // only the last element is looked at for hidden: the walker skips the folder itself
		{".隐藏", "隐藏文件"},
		{"~$东镇.xlsx", "Excel 打开时留下的临时文件"},
		{`城关镇\~$选举结果.xlsx`, "Excel 打开时留下的临时文件"},
		{"__MACOSX/城关镇/._选举结果.xlsx", "macOS 压缩时附带的文件"},
		{"城关镇/__MACOSX/选举结果.xlsx", "macOS 压缩时附带的文件"},
		{"__MACOSX", "macOS 压缩时附带的文件"},
		{"my__MACOSX/东镇.xlsx", ""},
		{"新建文件夹/..", ""},
	} {
		if got := NeverSent(c.name); got != c.why {
			t.Errorf("NeverSent(%q) = %q, want %q", c.name, got, c.why)
		}
	}
}
