package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"electsum"
	"electsum/analytics"
	"electsum/ingest"
)

// keptBatches is how many uploads (with their results and problem files) the server keeps.
const keptBatches = 10

// batchState is where an upload stands.
type batchState string

const (
	batchStaged  batchState = "staged"  // files are being uploaded
	batchLoading batchState = "loading" // ingest.Load runs
	batchDone    batchState = "done"
)

// batch is one upload: its files on disk under server-made names, and once loaded, the report.
type batch struct {
	ID      string
	Created time.Time
	dir     string          // workDir/<ID>; files in dir/in, problem files in dir/out
	used    map[string]bool // names on disk, lower-cased
	stored  map[string]bool // names files are loaded under (stagedFile.Stored), lower-cased
	Files   []*stagedFile
	Bytes   int64

	State    batchState
	Skip     bool
	County   string
	Year     int                             // 归入的年份: the year of rows whose sheet has no 年份 (0: none given)
	progress map[string]ingest.ProgressEvent // by file name
	Report   *ingest.Report
	Problems []ingest.Problem // the report's problems with file names as uploaded
	Failure  string           // why the run stopped, when it is not the files' problems
	Hint     string
	Outcome  string   // one line: what happened to the database
	Marked   []string // files written for the townships (marked copies and 问题清单.xlsx)
	Started  time.Time
	Finished time.Time
}

// stagedFile is one uploaded input file.
type stagedFile struct {
	Name    string `json:"name"`              // its name on disk and in every message: unique in the batch
	From    string `json:"from"`              // what the browser called it (folder/name, or zip!entry)
	Stored  string `json:"stored"`            // what it is loaded, stored and shown under (storedName)
	Size    int64  `json:"size"`              // bytes
	Ignored string `json:"ignored,omitempty"` // why it is not loaded, when it is not
	path    string
}

func (s *Server) importRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /import", s.importPage)
	mux.HandleFunc("POST /import/batch", s.newBatch)
	mux.HandleFunc("POST /import/batch/{id}/file", s.withBatch(s.uploadFile))
	mux.HandleFunc("POST /import/batch/{id}/run", s.withBatch(s.runBatch))
	mux.HandleFunc("GET /import/batch/{id}/status", s.withBatch(s.batchStatus))
	mux.HandleFunc("GET /import/batch/{id}", s.withBatch(s.batchPage))
	mux.HandleFunc("GET /import/batch/{id}/problems.zip", s.withBatch(s.problemsZip))
	mux.HandleFunc("GET /import/template.xlsx", s.templateWorkbook)
}

// templateWorkbook sends the blank workbook townships fill in (electsum template): the problems of a
// file without the standard headers point the clerk at it.
func (s *Server) templateWorkbook(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := ingest.WriteTemplate(&buf); err != nil {
		s.fail(w, r, fmt.Errorf("生成空白采集表: %w", err))
		return
	}
	attachment(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "采集表.xlsx")
	w.Write(buf.Bytes())
}

func (s *Server) batch(id string) *batch {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.batches[id]
}

// withBatch is the handler that calls handle with the batch the request's path names ({id}), or answers
// 404 Not Found when there is none.
func (s *Server) withBatch(handle func(http.ResponseWriter, *http.Request, *batch)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b := s.batch(r.PathValue("id"))
		if b == nil {
			http.NotFound(w, r)
			return
		}
		handle(w, r, b)
	}
}

func (s *Server) importPage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	var recent []*batch
	for i := len(s.order) - 1; i >= 0; i-- {
		if b := s.batches[s.order[i]]; b.State != batchStaged {
			recent = append(recent, b)
		}
	}
	s.mu.Unlock()
	s.render(w, r, "import", "数据导入", map[string]any{
		"Recent":      recent,
		"MaxFiles":    s.opts.MaxFiles,
		"MaxFileSize": s.opts.MaxFileSize >> 20,
	})
}

func (s *Server) newBatch(w http.ResponseWriter, r *http.Request) {
	b := &batch{ID: randomID(8), Created: s.opts.Now(), used: map[string]bool{}, stored: map[string]bool{}, State: batchStaged,
		progress: map[string]ingest.ProgressEvent{}}
	b.dir = filepath.Join(s.workDir, b.ID)
	if err := os.MkdirAll(filepath.Join(b.dir, "in"), 0o755); err != nil {
		s.fail(w, r, fmt.Errorf("创建上传文件夹: %w", err))
		return
	}
	s.mu.Lock()
	s.batches[b.ID] = b
	s.order = append(s.order, b.ID)
	for len(s.order) > keptBatches {
		old := s.batches[s.order[0]]
		if old == s.loading {
			break
		}
		os.RemoveAll(old.dir)
		delete(s.batches, old.ID)
		s.order = s.order[1:]
	}
	s.mu.Unlock()
	writeJSON(w, map[string]string{"id": b.ID})
}

// uploadError is a file the upload refuses, said for the person who chose it.
type uploadError struct {
	status int
	msg    string
}

func (e *uploadError) Error() string { return e.msg }

// uploadFile stores one file of a batch: the request body is the file, ?name= what the browser
// calls it. A .zip is unpacked into its input files. The answer lists the files staged.
func (s *Server) uploadFile(w http.ResponseWriter, r *http.Request, b *batch) {
	name := r.URL.Query().Get("name")
	added, err := s.stage(b, name, r.Body)
	if err != nil {
		var ue *uploadError
		if errors.As(err, &ue) {
			http.Error(w, ue.msg, ue.status)
			return
		}
		s.fail(w, r, err)
		return
	}
	writeJSON(w, map[string]any{"files": added})
}

// stage stores body under a server-made name in the batch. Only the base of name is used, cleaned of
// anything a file system would read as a path.
func (s *Server) stage(b *batch, name string, body io.Reader) ([]*stagedFile, error) {
	s.mu.Lock()
	if b.State != batchStaged {
		s.mu.Unlock()
		return nil, &uploadError{http.StatusConflict, "这批文件已经开始导入，请重新选择文件"}
	}
	room := s.opts.MaxUpload - b.Bytes
	s.mu.Unlock()
	if strings.EqualFold(path.Ext(strings.ReplaceAll(name, `\`, "/")), ".zip") {
		return s.stageZip(b, name, body, room)
	}
	f := &stagedFile{From: name}
	if why := ignoredReason(name); why != "" {
		f.Name, f.Ignored = cleanName(name), why
		io.Copy(io.Discard, io.LimitReader(body, s.opts.MaxFileSize))
		return s.add(b, f)
	}
	if err := s.write(b, f, name, body, min(room, s.opts.MaxFileSize)); err != nil {
		return nil, err
	}
	return s.add(b, f)
}

// write copies body into a new file of the batch named after name, refusing more than limit bytes.
func (s *Server) write(b *batch, f *stagedFile, name string, body io.Reader, limit int64) error {
	s.mu.Lock()
	f.Name = uniqueName(b.used, cleanName(name))
	f.Stored = uniqueName(b.stored, storedName(name))
	s.mu.Unlock()
	f.path = filepath.Join(b.dir, "in", f.Name)
	out, err := os.Create(f.path)
	if err != nil {
		return fmt.Errorf("保存上传的文件: %w", err)
	}
	n, err := io.Copy(out, io.LimitReader(body, limit+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.path)
		return &uploadError{http.StatusBadRequest, fmt.Sprintf("%s 没有上传完整: %v", name, err)}
	}
	if n > limit {
		os.Remove(f.path)
		return &uploadError{http.StatusRequestEntityTooLarge, fmt.Sprintf("%s 太大：每个文件不超过 %d MB，一次上传合计不超过 %d MB",
			name, s.opts.MaxFileSize>>20, s.opts.MaxUpload>>20)}
	}
	f.Size = n
	return nil
}

// add records staged files in the batch, within the file-count limit.
func (s *Server) add(b *batch, fs ...*stagedFile) ([]*stagedFile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(b.Files)+len(fs) > s.opts.MaxFiles {
		for _, f := range fs {
			if f.path != "" {
				os.Remove(f.path)
			}
		}
		return nil, &uploadError{http.StatusRequestEntityTooLarge, fmt.Sprintf("一次最多导入 %d 个文件，请分批导入", s.opts.MaxFiles)}
	}
	for _, f := range fs {
		b.Files = append(b.Files, f)
		b.Bytes += f.Size
	}
	return fs, nil
}

// stageZip unpacks the input files of an uploaded .zip into the batch. Entry names are decoded from
// GBK when they are not UTF-8 (Windows' zip tools write them so) and only their base names are used.
func (s *Server) stageZip(b *batch, name string, body io.Reader, room int64) ([]*stagedFile, error) {
	tmp, err := os.CreateTemp(b.dir, "upload-*.zip")
	if err != nil {
		return nil, fmt.Errorf("保存上传的文件: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	n, err := io.Copy(tmp, io.LimitReader(body, room+1))
	if err != nil {
		return nil, &uploadError{http.StatusBadRequest, fmt.Sprintf("%s 没有上传完整: %v", name, err)}
	}
	if n > room {
		return nil, &uploadError{http.StatusRequestEntityTooLarge, fmt.Sprintf("%s 太大：一次上传合计不超过 %d MB", name, s.opts.MaxUpload>>20)}
	}
	zr, err := zip.NewReader(tmp, n)
	if err != nil {
		return nil, &uploadError{http.StatusBadRequest, fmt.Sprintf("%s 不是有效的 .zip 压缩包: %v", name, err)}
	}
	var added []*stagedFile
	var unpacked int64
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() {
			continue
		}
		entry := ingest.ZipEntryName(zf)
		if strings.HasPrefix(entry, "__MACOSX/") { // not even listed: each entry there mirrors one of the archive's own
			continue
		}
		// The entry's path inside the zip is the name it is loaded under (storedName).
		f := &stagedFile{From: name + "!" + entry}
		if why := ignoredReason(entry); why != "" {
			f.Name, f.Ignored = cleanName(entry), why
			added = append(added, f)
			continue
		}
		if int64(zf.UncompressedSize64) > s.opts.MaxFileSize {
			f.Name, f.Ignored = cleanName(entry), fmt.Sprintf("太大(超过 %d MB)，未导入", s.opts.MaxFileSize>>20)
			added = append(added, f)
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			f.Name, f.Ignored = cleanName(entry), "压缩包中的这个文件无法解开: "+err.Error()
			added = append(added, f)
			continue
		}
		err = s.write(b, f, entry, rc, min(s.opts.MaxFileSize, room-unpacked))
		rc.Close()
		if err != nil {
			for _, a := range added {
				if a.path != "" {
					os.Remove(a.path)
				}
			}
			return nil, err
		}
		unpacked += f.Size
		added = append(added, f)
	}
	if len(added) == 0 {
		return nil, &uploadError{http.StatusBadRequest, name + " 中没有文件"}
	}
	return s.add(b, added...)
}

// ignoredReason says why a file of a dropped folder or zip is not loaded, or "" when it is an input.
func ignoredReason(name string) string {
	if why := ingest.NeverSent(name); why != "" {
		return why + "，已忽略"
	}
	if !ingest.IsInputFile(path.Base(strings.ReplaceAll(name, `\`, "/"))) {
		return "不是 .xlsx、.xls 或 .csv 表格，已忽略"
	}
	return ""
}

// cleanName makes a file name of what a browser sent: its last path element, without characters that
// Windows or a shell would read specially, at most 100 characters. It never contains a separator.
func cleanName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), strings.ContainsRune(`<>:"/\|?*`, r):
			return '_'
		}
		return r
	}, name)
	name = strings.Trim(name, " .")
	if name == "" {
		name = "文件"
	}
	if rs := []rune(name); len(rs) > 100 {
		ext := []rune(path.Ext(name))
		if len(ext) > 10 {
			ext = nil
		}
		name = string(rs[:100-len(ext)]) + string(ext)
	}
	return name
}

// storedName is what a file uploaded as name (a file's name, folder/name from a dropped folder, or an
// entry's path inside a zip) is loaded, stored and shown under: the user's own name, with the path
// inside the upload, so that 数据总览, the problem list and a later re-upload of the same file (the
// resubmission rule compares file names) see what the user sees. Each element is cleaned as cleanName
// cleans a file name; "." and ".." are dropped. It is never used as a path on the server.
func storedName(name string) string {
	var parts []string
	for _, p := range strings.Split(strings.ReplaceAll(name, `\`, "/"), "/") {
		if p == "" || p == "." || p == ".." {
			continue
		}
		parts = append(parts, cleanName(p))
	}
	if len(parts) == 0 {
		return cleanName(name)
	}
	return strings.Join(parts, "/")
}

// uniqueName returns name, or name (2).ext …, whichever is not used yet, and marks it used. Names are
// compared case-insensitively, as Windows does.
func uniqueName(used map[string]bool, name string) string {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	cand := name
	for i := 2; used[strings.ToLower(cand)]; i++ {
		cand = fmt.Sprintf("%s (%d)%s", stem, i, ext)
	}
	used[strings.ToLower(cand)] = true
	return cand
}

// runBatch starts loading a batch (form: mode=all|skip, county); one load runs at a time.
func (s *Server) runBatch(w http.ResponseWriter, r *http.Request, b *batch) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.loading != nil {
		http.Error(w, "另一批文件正在导入，请等它完成后再开始", http.StatusConflict)
		return
	}
	if b.State != batchStaged {
		http.Error(w, "这批文件已经导入过了", http.StatusConflict)
		return
	}
	var paths []string
	names := map[string]string{}
	for _, f := range b.Files {
		if f.Ignored == "" {
			paths = append(paths, f.path)
			names[f.path] = f.Stored
		}
	}
	if len(paths) == 0 {
		http.Error(w, "没有可以导入的表格(.xlsx、.xls 或 .csv)", http.StatusBadRequest)
		return
	}
	year := 0
	if y := strings.TrimSpace(r.PostFormValue("year")); y != "" {
		var ok bool
		if year, ok = ingest.ParseYear(y); !ok {
			http.Error(w, fmt.Sprintf("“归入的年份”填的是 %q，不是年份：请写四位数字的年份，如 2024，或不填", y), http.StatusBadRequest)
			return
		}
	}
	b.Skip = r.PostFormValue("mode") == "skip"
	b.County = strings.TrimSpace(r.PostFormValue("county"))
	b.Year = year
	b.State = batchLoading
	b.Started = s.opts.Now()
	s.loading = b
	s.loads.Add(1)
	// The warm-up of the last load reads data this load may change: it stops, and the load starts when it has.
	warmed := s.warmDone
	if s.warmCancel != nil {
		s.warmCancel()
	}
	s.warmCancel, s.warmDone = nil, nil
	go s.load(b, paths, names, warmed)
	writeJSON(w, map[string]string{"state": string(batchLoading)})
}

// load runs ingest.Load on the batch's files, installs the views when something was written and
// writes the marked-up copies and 问题清单.xlsx for the townships.
func (s *Server) load(b *batch, paths []string, names map[string]string, warmed <-chan struct{}) {
	defer s.loads.Done()
	ctx := s.baseCtx
	if warmed != nil {
		<-warmed
	}
	rep, err := ingest.Load(ctx, s.db, paths, ingest.LoadOptions{
		County:       b.County,
		Year:         b.Year,
		Page:         true,
		Names:        names,
		SkipBadFiles: b.Skip,
		MaxFileSize:  s.opts.MaxFileSize,
		MemoryLimit:  s.opts.Limits.Memory,
		Now:          s.opts.Now,
		Progress: func(ev ingest.ProgressEvent) {
			s.mu.Lock()
			b.progress[ev.File] = ev
			s.mu.Unlock()
		},
	})
	// Whatever the outcome, models computed before the load may be of other data now.
	s.models.invalidate()
	var failure, hint, outcome string
	var marked []string
	var problems []ingest.Problem
	var pe *ingest.ProblemsError
	switch {
	case err == nil:
		outcome = "导入完成，数据库已更新"
	case errors.As(err, &pe):
		outcome = err.Error()
		hint = problemsHint(pe)
	default:
		failure = err.Error()
		hint = pageHint(err)
		outcome = "导入没有完成，数据库没有改动"
	}
	if rep != nil {
		if rep.Committed {
			if ierr := analytics.Install(ctx, s.db, analytics.Options{}); ierr != nil {
				failure = "数据已导入，但更新分析视图失败: " + ierr.Error()
			}
		}
		// The report and its problems name files as uploaded (names), never by the server's folder.
		problems = rep.Problems
		if len(problems) > 0 {
			byName := map[string]string{}
			for p, name := range names {
				byName[name] = p
			}
			marked, err = ingest.WriteErrorsDirNamed(electsum.Output{}, filepath.Join(b.dir, "out"), problems, byName)
			if err != nil {
				s.opts.Logf("写问题清单: %v", err)
				failure = strings.TrimSpace(failure + "\n写问题清单失败: " + err.Error())
			}
		}
	}
	var plan []warmItem
	var warmOpts analytics.Options
	if rep != nil && rep.Committed && failure == "" && !s.noWarm {
		plan, warmOpts = s.warmPlan(ctx, rep)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b.Report, b.Problems, b.Marked = rep, problems, marked
	b.Failure, b.Hint, b.Outcome = failure, hint, outcome
	b.State = batchDone
	b.Finished = s.opts.Now()
	s.loading = nil
	if len(plan) > 0 {
		s.startWarmUp(plan, warmOpts)
	}
}

// problemsHint is the page's advice when files had errors (ProblemsError.Hint speaks of the command
// line's --errors-dir and --skip-bad-files): the page's download of the marked copies and its 跳过有错误的文件.
func problemsHint(pe *ingest.ProblemsError) string {
	h := "按下面问题清单列出的位置改正表格后重新上传；点“下载 问题清单.xlsx 和标注了问题的表格”可把标出问题的表格发回乡镇改正"
	if pe.Partial {
		return h + "；没有错误的文件已经导入，改正后只需重新上传有错误的文件"
	}
	return h + "；若要先导入没有错误的文件，在“第二步：选择导入方式”选“跳过有错误的文件”后重新导入"
}

// fileStatus is one file's line in the progress list.
type fileStatus struct {
	Name    string `json:"name"`
	From    string `json:"from"`
	Size    int64  `json:"size"`
	Ignored string `json:"ignored,omitempty"`
	Phase   string `json:"phase"` // 已上传, 已读取, 有错误, 未变化 …
	Done    bool   `json:"done"`
}

func (s *Server) batchStatus(w http.ResponseWriter, r *http.Request, b *batch) {
	s.mu.Lock()
	out := struct {
		State batchState   `json:"state"`
		Files []fileStatus `json:"files"`
		Done  int          `json:"files_done"`
		Total int          `json:"files_total"`
		Rows  int          `json:"rows"`
	}{State: b.State}
	for _, f := range b.Files {
		st := fileStatus{Name: f.Name, From: f.From, Size: f.Size, Ignored: f.Ignored, Phase: "已上传"}
		if ev, ok := b.progress[f.Stored]; ok {
			st.Done = true
			st.Phase = map[ingest.Outcome]string{ingest.Loaded: "已读取", ingest.Rejected: "有错误", ingest.Unchanged: "未变化"}[ev.Outcome]
			out.Done, out.Total, out.Rows = max(out.Done, ev.FilesDone), ev.FilesTotal, max(out.Rows, ev.Rows)
		}
		if f.Ignored != "" {
			st.Phase = "已忽略"
		}
		out.Files = append(out.Files, st)
	}
	s.mu.Unlock()
	writeJSON(w, out)
}

// fileRow is one line of the result table.
type fileRow struct {
	Name, Outcome, Class, Message      string
	Results, Members, Errors, Warnings int
	Notices                            int
}

func (s *Server) batchPage(w http.ResponseWriter, r *http.Request, b *batch) {
	s.mu.Lock()
	data := map[string]any{"Batch": b, "State": string(b.State)}
	if b.State == batchDone {
		var rows []fileRow
		if b.Report != nil {
			for _, f := range b.Report.Files {
				rows = append(rows, fileRow{Name: f.Path, Outcome: f.Outcome.Chinese(), Class: string(f.Outcome), Message: f.Message,
					Results: f.Results, Members: f.Members, Errors: f.Errors, Warnings: f.Warnings, Notices: f.Notices})
			}
			// The summary's indented lines count problems by rule code, which the problem list shows
			// better for a clerk.
			var lines []string
			for _, l := range strings.Split(strings.TrimSpace(b.Report.Summary()), "\n") {
				if !strings.HasPrefix(l, "  ") {
					lines = append(lines, l)
				}
			}
			data["Summary"] = lines
		}
		for _, f := range b.Files {
			if f.Ignored != "" {
				rows = append(rows, fileRow{Name: f.Name, Outcome: "已忽略", Class: "ignored", Message: f.Ignored})
			}
		}
		data["Files"] = rows
		data["Problems"] = problemRows(b.Problems)
		data["Severities"] = severityCounts(b.Problems)
	}
	s.mu.Unlock()
	s.render(w, r, "batch", "导入结果", data)
}

// problemRow is one problem as the table shows it; Order sorts by place within the file.
type problemRow struct {
	ingest.Problem
	Place string
	Level int // 0 error, 1 warning, 2 notice: sorts errors first
}

func problemRows(ps []ingest.Problem) []problemRow {
	out := make([]problemRow, len(ps))
	for i, p := range ps {
		place := p.Cell
		if place == "" && p.Row > 0 {
			place = fmt.Sprintf("第%d行", p.Row)
		}
		lvl := map[ingest.Severity]int{ingest.Error: 0, ingest.Warning: 1, ingest.Notice: 2}[p.Severity]
		out[i] = problemRow{Problem: p, Place: place, Level: lvl}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Level < out[j].Level })
	return out
}

func severityCounts(ps []ingest.Problem) map[string]int {
	out := map[string]int{}
	for _, p := range ps {
		out[string(p.Severity)]++
	}
	return out
}

// problemsZip sends the marked-up copies and 问题清单.xlsx of a batch as one .zip to send back to the
// townships. Only files the batch itself wrote are read.
func (s *Server) problemsZip(w http.ResponseWriter, r *http.Request, b *batch) {
	s.mu.Lock()
	files := append([]string(nil), b.Marked...)
	s.mu.Unlock()
	if len(files) == 0 {
		http.Error(w, "这次导入没有发现问题，没有需要发回的文件", http.StatusNotFound)
		return
	}
	attachment(w, "application/zip", "问题清单及标注表格.zip")
	zw := zip.NewWriter(w)
	for _, p := range files {
		if err := addToZip(zw, p); err != nil {
			s.opts.Logf("问题清单压缩包: %v", err)
			return
		}
	}
	if err := zw.Close(); err != nil {
		s.opts.Logf("问题清单压缩包: %v", err)
	}
}

func addToZip(zw *zip.Writer, p string) error {
	in, err := os.Open(p)
	if err != nil {
		return err
	}
	defer in.Close()
	// UTF-8 names: zip.Writer flags them so, which Windows 10+ and WPS read correctly.
	out, err := zw.CreateHeader(&zip.FileHeader{Name: filepath.Base(p), Method: zip.Deflate, Modified: time.Now()})
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return err
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}
