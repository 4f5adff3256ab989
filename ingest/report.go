package ingest

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

// Outcome is what became of one input file; the same words are stored in ingest_log.outcome.
type Outcome string

const (
	Loaded    Outcome = "loaded"     // its rows are in the database
	Unchanged Outcome = "unchanged"  // the same content is already loaded; nothing was written
	Rejected  Outcome = "rejected"   // it has errors; none of its rows were written
	NotLoaded Outcome = "not_loaded" // it is clean, but another file's errors stopped the whole run
	// Removed is stored in ingest_log only: the rows a file loaded were removed (electsum remove) or
	// replaced by a resubmission.
	Removed Outcome = "removed"
)

// Chinese is the outcome as the user reads it.
func (o Outcome) Chinese() string {
	switch o {
	case Loaded:
		return "已导入"
	case Unchanged:
		return "未变化"
	case Rejected:
		return "被拒绝"
	case NotLoaded:
		return "未导入"
	case Removed:
		return "已删除"
	}
	return string(o)
}

// FileReport is what happened to one input file.
type FileReport struct {
	Path    string  `json:"path"`
	SHA256  string  `json:"sha256"`
	Bytes   int64   `json:"bytes"`
	Outcome Outcome `json:"outcome"`
	Results int     `json:"result_rows"`
	Members int     `json:"member_rows"`
	// Registrations counts the rows of its 选民登记 sheets, kept and merged into the results rows of their
	// places, loaded in this run or before (or when these are loaded).
	Registrations int    `json:"registration_rows,omitempty"`
	Errors        int    `json:"errors"`
	Warnings      int    `json:"warnings"`
	Notices       int    `json:"notices"`
	Message       string `json:"message,omitempty"`
	// Source is the path the file was read from when it is not Path: a spreadsheet unpacked from a .zip
	// (Path names it inside the archive), kept until Report.RemoveUnpacked when LoadOptions.KeepUnpacked.
	Source string `json:"-"`
	// Replaced counts the rows of earlier loads this file replaced, per table it carries.
	Replaced []Replaced `json:"replaced,omitempty"`
	// Supersedes lists the earlier files this one replaced as a whole (a resubmission).
	Supersedes []string `json:"supersedes,omitempty"`
}

// Replaced is how many rows of one table a file replaced. A file replaces only the tables it carries.
type Replaced struct {
	Table SheetKind `json:"table"`
	Rows  int       `json:"rows"`
}

// ProblemCount is how many problems of one rule a run found.
type ProblemCount struct {
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Count    int      `json:"count"`
}

// Report is the outcome of one ingest run. Row, township, unit and year figures count what this run
// wrote (files loaded), not what the database held before.
type Report struct {
	Files      []FileReport `json:"files"`
	Loaded     int          `json:"loaded"`
	Unchanged  int          `json:"unchanged"`
	Rejected   int          `json:"rejected"`
	NotLoaded  int          `json:"not_loaded"`
	ResultRows int          `json:"result_rows"`
	MemberRows int          `json:"member_rows"`
	// RegistrationRows counts the 选民登记 rows written (registration notices say what they were merged with).
	RegistrationRows int            `json:"registration_rows,omitempty"`
	Townships        int            `json:"townships"`
	Units            int            `json:"units"`
	Years            []int          `json:"years"`
	Problems         []Problem      `json:"problems"`
	Counts           []ProblemCount `json:"problem_counts"`
	Committed        bool           `json:"committed"` // false when nothing was written
	// Skipped are files found in the folders but not read: what electsum itself wrote as --errors-dir
	// (问题清单.xlsx and the marked copies beside it).
	Skipped []string `json:"skipped"`
	// unpacked is the folder of the files unpacked from archives, kept for the caller
	// (LoadOptions.KeepUnpacked); "" when none.
	unpacked string
}

// RemoveUnpacked deletes the files a load kept unpacked from archives (LoadOptions.KeepUnpacked).
func (r *Report) RemoveUnpacked() {
	if r != nil && r.unpacked != "" {
		os.RemoveAll(r.unpacked)
		r.unpacked = ""
	}
}

// Summary is the report in a few lines of Chinese for the end of `electsum ingest`.
func (r *Report) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "文件 %d 个：已导入 %d，未变化 %d，被拒绝 %d", len(r.Files), r.Loaded, r.Unchanged, r.Rejected)
	if r.NotLoaded > 0 {
		fmt.Fprintf(&b, "，因其他文件有错误而未导入 %d", r.NotLoaded)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "写入：选举结果 %d 行，当选人员 %d 行", r.ResultRows, r.MemberRows)
	if r.RegistrationRows > 0 {
		fmt.Fprintf(&b, "，选民登记 %d 行", r.RegistrationRows)
	}
	fmt.Fprintf(&b, "；涉及乡镇 %d 个，村(社区、选区) %d 个", r.Townships, r.Units)
	if len(r.Years) > 0 {
		years := make([]string, len(r.Years))
		for i, y := range r.Years {
			years[i] = fmt.Sprint(y)
		}
		fmt.Fprintf(&b, "，年份 %s", strings.Join(years, "、"))
	}
	b.WriteString("\n")
	for _, f := range r.Files {
		if line := f.replacedText(); line != "" && f.Outcome == Loaded {
			fmt.Fprintf(&b, "替换：%s %s\n", f.Path, line)
		}
	}
	if len(r.Counts) == 0 {
		b.WriteString("问题：无\n")
		return b.String()
	}
	by := map[Severity]int{}
	for _, c := range r.Counts {
		by[c.Severity] += c.Count
	}
	fmt.Fprintf(&b, "问题：错误 %d 个，警告 %d 个，提示 %d 个\n", by[Error], by[Warning], by[Notice])
	// The rules in Chinese words, padded to one column as a terminal shows them (a Han character is two
	// cells wide); --json keeps the codes.
	words, width := make([]string, len(r.Counts)), 0
	for i, c := range r.Counts {
		words[i] = RuleWord(c.Rule)
		width = max(width, displayWidth(words[i]))
	}
	for i, c := range r.Counts {
		fmt.Fprintf(&b, "  %s %s%s %d\n", c.Severity, words[i], strings.Repeat(" ", width-displayWidth(words[i])), c.Count)
	}
	if !r.Committed {
		b.WriteString("数据库未作任何改动\n")
	}
	return b.String()
}

// ProblemsError means files had errors: either nothing was written (the default) or, with
// SkipBadFiles, the clean files were loaded and the files listed in Rejected were not.
type ProblemsError struct {
	Problems []Problem // every problem of the run, errors, warnings and notices, sorted by place
	Rejected []string  // the files with errors
	Partial  bool      // true when the clean files were loaded anyway (SkipBadFiles)
	// ErrorsDir is the folder the caller wrote the marked copies and the problem list to, if it did;
	// the hint then points there instead of suggesting --errors-dir.
	ErrorsDir string
}

func (e *ProblemsError) Error() string {
	n := 0
	for _, p := range e.Problems {
		if p.Severity == Error {
			n++
		}
	}
	if e.Partial {
		return fmt.Sprintf("%d 个文件有错误(共 %d 处)，已跳过；其余文件已导入", len(e.Rejected), n)
	}
	return fmt.Sprintf("%d 个文件有错误(共 %d 处)，本次没有写入任何数据", len(e.Rejected), n)
}

// Hint says how to go on.
func (e *ProblemsError) Hint() string {
	h := "按上面列出的位置改正后重新运行 electsum ingest；加 --errors-dir 目录 可得到标出错误单元格的工作簿和问题清单，发回乡镇改正"
	if e.ErrorsDir != "" {
		h = "按上面列出的位置改正后重新运行 electsum ingest；标出错误单元格的工作簿和问题清单已写到 " + e.ErrorsDir + "，可发回乡镇改正"
	}
	if !e.Partial {
		h += "\n建议: 若要先导入没有错误的文件，加 --skip-bad-files"
	}
	return h
}

// report assembles the Report from the files' states; files are sorted by path.
func (l *loader) report() *Report {
	r := &Report{Files: []FileReport{}, Years: []int{}, Problems: []Problem{}, Counts: []ProblemCount{}, // [] not null in JSON
		Skipped: append([]string{}, l.skipped...), unpacked: l.unpacked}
	files := append([]*fileState(nil), l.files...)
	sort.SliceStable(files, func(i, j int) bool { return files[i].report.Path < files[j].report.Path })
	townships, units, years := map[[2]string]bool{}, map[[3]string]bool{}, map[int]bool{}
	counts := map[[2]string]int{}
	for _, f := range files {
		fr := f.report
		fr.Errors, fr.Warnings, fr.Notices = 0, 0, 0
		for _, p := range f.problems {
			switch p.Severity {
			case Error:
				fr.Errors++
			case Warning:
				fr.Warnings++
			case Notice:
				fr.Notices++
			}
			counts[[2]string{string(p.Severity), p.Rule}]++
		}
		r.Problems = append(r.Problems, f.problems...)
		switch fr.Outcome {
		case Loaded:
			r.Loaded++
			r.ResultRows += fr.Results
			r.MemberRows += fr.Members
			r.RegistrationRows += fr.Registrations
			for _, k := range f.keys {
				townships[[2]string{k.County, k.Township}] = true
				units[[3]string{k.County, k.Township, k.Unit}] = true
				years[k.Year] = true
			}
		case Unchanged:
			r.Unchanged++
		case Rejected:
			r.Rejected++
		case NotLoaded:
			r.NotLoaded++
		}
		r.Files = append(r.Files, fr)
	}
	r.Townships, r.Units = len(townships), len(units)
	for y := range years {
		r.Years = append(r.Years, y)
	}
	sort.Ints(r.Years)
	SortProblems(r.Problems)
	rank := map[Severity]int{Error: 0, Warning: 1, Notice: 2}
	for k, n := range counts {
		r.Counts = append(r.Counts, ProblemCount{Severity: Severity(k[0]), Rule: k[1], Count: n})
	}
	sort.Slice(r.Counts, func(i, j int) bool {
		a, b := r.Counts[i], r.Counts[j]
		if rank[a.Severity] != rank[b.Severity] {
			return rank[a.Severity] < rank[b.Severity]
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Rule < b.Rule
	})
	return r
}

// replacedText says which tables a loaded file replaced: 替换了此前导入的当选人员 24 行(本文件只有当选人员，
// 选举结果未动). Empty when it replaced nothing.
func (f FileReport) replacedText() string {
	var parts []string
	for _, r := range f.Replaced {
		parts = append(parts, fmt.Sprintf("%s %d 行", r.Table, r.Rows))
	}
	var b strings.Builder
	if len(parts) > 0 {
		b.WriteString("替换了此前导入的" + strings.Join(parts, "、"))
		switch {
		case f.Results == 0 && f.Members > 0:
			b.WriteString("(本文件只有当选人员，选举结果未动)")
		case f.Members == 0 && f.Results > 0:
			b.WriteString("(本文件只有选举结果，当选人员未动)")
		}
	}
	if len(f.Supersedes) > 0 {
		if b.Len() > 0 {
			b.WriteString("；")
		}
		b.WriteString("是 " + strings.Join(f.Supersedes, "、") + " 的重新报送，该文件此前导入的数据已全部替换")
	}
	return b.String()
}

// displayWidth is how many terminal cells a text takes: two for each wide (East Asian) character.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x1100 && (r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 ||
			r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6) {
			n++
		}
	}
	return n
}
