package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"electsum"
	"electsum/analytics"
	"electsum/cmd/electsum/config"
	"electsum/reports"
	"electsum/reports/annex"
	"electsum/reports/docx"
)

func (s *Server) reportRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /report", s.reportPage)
	mux.HandleFunc("GET /report/draft.html", s.draft("html"))
	mux.HandleFunc("GET /report/draft.md", s.draft("md"))
	mux.HandleFunc("GET /report/draft.docx", s.draft("docx"))
	mux.HandleFunc("GET /report/annex.xlsx", s.annex)
	mux.HandleFunc("POST /report/settings", s.saveSettings)
}

// draftFormats are the draft's downloads: format, label, content type.
var draftFormats = []struct{ Ext, Label, Type string }{
	{"docx", "Word(公文格式)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	{"html", "网页(HTML，可直接打印)", "text/html; charset=utf-8"},
	{"md", "Markdown", "text/markdown; charset=utf-8"},
}

// kindChoice is one kind of summary the 总结与附件 page offers, with the link that picks it.
type kindChoice struct {
	Kind     electsum.Kind
	Name     string
	Selected bool
	Query    template.URL
}

// requestKind is the scope the request asks for and the kind of summary drafted for it (reportKind),
// for the downloads of one summary.
func (s *Server) requestKind(r *http.Request) (scopeForm, electsum.Kind, error) {
	f, err := s.parseScope(r.Context(), r)
	if err != nil {
		return f, "", err
	}
	kind, _, err := s.reportKind(r.Context(), f)
	return f, kind, err
}

// reportKind is the kind of summary the page drafts for f, and the kinds f's year holds: f.Kind when
// held, else the first held (lianwei when none is, for Summarize to say there is no data; never
// shequdangzuzhi, a part of the 两委 summary, which is drafted when picked). A village's
// scope has the 两委 summary only: the people's congress and party congress summaries are drafted for a
// township or a county.
func (s *Server) reportKind(ctx context.Context, f scopeForm) (electsum.Kind, []electsum.Kind, error) {
	held, err := analytics.Kinds(ctx, s.db, f.Scope)
	if err != nil {
		return "", nil, err
	}
	if f.Scope.Unit != "" {
		held = slices.DeleteFunc(held, func(k electsum.Kind) bool { return k != electsum.Lianwei })
	}
	for _, k := range held {
		if string(k) == f.Kind {
			return k, held, nil
		}
	}
	if len(held) == 0 {
		return electsum.Lianwei, nil, nil
	}
	return held[0], held, nil
}

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{"ConfigPath": s.opts.Config, "Formats": draftFormats, "Saved": r.URL.Query().Get("saved") != ""}
	file, _, err := s.reportConfig()
	if err != nil {
		data["ConfigError"] = err.Error()
	}
	data["Config"] = settingsOf(file)
	f, err := s.parseScope(r.Context(), r)
	if err == nil {
		var kind electsum.Kind
		var held []electsum.Kind
		if kind, held, err = s.reportKind(r.Context(), f); err == nil {
			f.Kind = string(kind)
			data["KindName"] = kind.Name()
			var choices []kindChoice
			for _, k := range held {
				g := f
				g.Kind = string(k)
				choices = append(choices, kindChoice{Kind: k, Name: k.Name(), Selected: k == kind, Query: g.Query()})
			}
			data["Kinds"] = choices
		}
	}
	if err != nil {
		data["Error"] = err.Error()
		data["Hint"] = pageHint(err)
	}
	data["Form"] = f
	s.render(w, r, "report", "总结与附件", data)
}

// draft writes the draft of the scope and kind in one format, as a download (or inline with
// ?inline=1, for the preview).
func (s *Server) draft(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, kind, err := s.requestKind(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d, err := s.draftOf(r.Context(), f, kind)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		script, _ := reports.ParseScript(f.Script)
		if script == "" {
			script = d.DataScript() // as electsum report
		}
		var buf bytes.Buffer
		switch format {
		case "html":
			err = reports.Builtin().DraftHTML(&buf, d, script)
		case "md":
			err = reports.Builtin().DraftMarkdown(&buf, d, script)
		case "docx":
			err = docx.Write(&buf, reports.Builtin(), d, script)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		name, err := d.Convert(script, d.FileTitle())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, df := range draftFormats {
			if df.Ext == format {
				attachment(w, df.Type, electsum.FileName(name)+"."+format)
			}
		}
		if r.URL.Query().Get("inline") != "" {
			w.Header().Set("Content-Disposition", "inline")
		}
		w.Write(buf.Bytes())
	}
}

// draftOf is the draft of kind for f's scope with the report settings (its model from the cache).
func (s *Server) draftOf(ctx context.Context, f scopeForm, kind electsum.Kind) (reports.Draft, error) {
	file, opts, err := s.reportConfig()
	if err != nil {
		return nil, err
	}
	m, err := s.model(ctx, kind, f.Scope, opts)
	if err != nil {
		return nil, err
	}
	return reports.Builtin().Draft(m, file.Config)
}

// annex writes the annex workbook of the scope and kind (身份证号 masked: the page never offers them
// unmasked).
func (s *Server) annex(w http.ResponseWriter, r *http.Request) {
	f, kind, err := s.requestKind(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, opts, err := s.reportConfig()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.model(r.Context(), kind, f.Scope, opts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := annex.WriteModel(&buf, m, annex.Options{}); err != nil {
		s.fail(w, r, err)
		return
	}
	attachment(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		electsum.FileName(annex.FileTitle(kind, f.Place(), f.Scope.Year)+".xlsx"))
	w.Write(buf.Bytes())
}

// settings is the part of report.toml the form edits.
type settings struct {
	Title, Basis, Deployment, Organ, Date string
	Turnout                               string
	Practices, Problems, Plans            []reports.Item
}

// settingsOf fills the form from a config, with two blank items more per section to type into.
func settingsOf(file config.File) settings {
	cfg := file.Config
	blank := func(items []reports.Item) []reports.Item {
		return append(append([]reports.Item(nil), items...), reports.Item{}, reports.Item{})
	}
	st := settings{Title: cfg.Title, Basis: cfg.Basis, Deployment: cfg.Deployment, Organ: cfg.Organ, Date: cfg.Date,
		Practices: blank(cfg.Practices), Problems: blank(cfg.Problems), Plans: blank(cfg.Plans)}
	if t := file.Thresholds.Turnout; t != 0 {
		st.Turnout = strconv.FormatFloat(t, 'f', -1, 64)
	}
	return st
}

// saveSettingsError is a settings form that cannot be saved.
type saveSettingsError struct{ msg string }

func (e *saveSettingsError) Error() string { return e.msg }
func (e *saveSettingsError) Hint() string {
	return "返回上一页改正后再保存；也可以用记事本直接编辑 report.toml"
}

// saveSettings writes the form into report.toml, keeping the settings the form does not show (age
// bands, education groups, rounding). The file is checked by reading it back before it replaces the
// old one.
func (s *Server) saveSettings(w http.ResponseWriter, r *http.Request) {
	if s.opts.Config == "" {
		s.fail(w, r, &saveSettingsError{"没有设置报告配置文件的位置"})
		return
	}
	file, _, err := s.reportConfig()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, &saveSettingsError{"表单无法读取: " + err.Error()})
		return
	}
	get := func(k string) string { return strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get(k), "\r\n", "\n")) }
	file.Title, file.Basis, file.Deployment, file.Organ, file.Date = get("title"), get("basis"), get("deployment"), get("organ"), get("date")
	file.Thresholds.Turnout = 0
	if t := get("turnout"); t != "" {
		// The range is checked with the rest of the file by the one validator (analytics), when
		// writeConfig reads the new file back. 0 is refused here: in the file it means "not set", so a
		// 0 typed into the box would silently become the default.
		v, err := strconv.ParseFloat(t, 64)
		if err != nil || v == 0 {
			s.fail(w, r, &saveSettingsError{fmt.Sprintf("参选率提示线 %q 应是大于 0、不超过 100 的数字；留空则用默认的 %v", t, analytics.DefaultTurnoutThreshold)})
			return
		}
		file.Thresholds.Turnout = v
	}
	items := func(prefix string) []reports.Item {
		heads, texts := r.PostForm[prefix+"_heading"], r.PostForm[prefix+"_text"]
		var out []reports.Item
		for i := range heads {
			it := reports.Item{Heading: strings.TrimSpace(heads[i])}
			if i < len(texts) {
				it.Text = strings.TrimSpace(strings.ReplaceAll(texts[i], "\r\n", "\n"))
			}
			if it.Heading != "" || it.Text != "" {
				out = append(out, it)
			}
		}
		return out
	}
	file.Practices, file.Problems, file.Plans = items("practices"), items("problems"), items("plans")
	if err := s.writeConfig(file); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/report?saved=1&"+r.URL.RawQuery, http.StatusSeeOther)
}

// writeConfig writes cfg to the configured report.toml through a temporary file that is read back
// with the same loader `electsum report --config` uses.
func (s *Server) writeConfig(file config.File) error {
	var buf bytes.Buffer
	if err := config.Encode(&buf, file, "由“总结与附件”页面保存"); err != nil {
		return fmt.Errorf("生成报告设置: %w", err)
	}
	dir := filepath.Dir(s.opts.Config)
	tmp, err := os.CreateTemp(dir, ".report-*.toml")
	if err != nil {
		return fmt.Errorf("保存报告设置 %s: %w", s.opts.Config, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(buf.Bytes())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("保存报告设置 %s: %w", s.opts.Config, err)
	}
	if _, _, err := config.Load(tmp.Name()); err != nil {
		return &saveSettingsError{"设置没有保存: " + err.Error()}
	}
	if err := os.Rename(tmp.Name(), s.opts.Config); err != nil {
		return fmt.Errorf("保存报告设置 %s: %w", s.opts.Config, err)
	}
	return nil
}
