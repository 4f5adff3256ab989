package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strings"

	"electsum/analytics"
	"electsum/reports"
)

// page is what every page template receives: the layout's parts and the page's own Data.
type page struct {
	Title   string
	Nav     string // the navigation tab to highlight: import, overview, stats, report, query
	Token   string
	Loading *batch // the upload being loaded, shown as a banner on every page
	Data    any
}

// funcs are the few helpers the page templates need; figures are formatted by the reports' helpers so
// that the page prints them as the draft does.
var funcs = template.FuncMap{
	"num": func(v analytics.Value) string {
		if !v.OK {
			return "—"
		}
		return reports.Num(v.V)
	},
	"svg": func(s string) template.HTML { return template.HTML(s) }, // charts drawn by package reports, text escaped there
	"add": func(a, b int) int { return a + b },
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	"mb": func(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) },
}

// parsePages parses each page with the layout; a bad template is a programmer error.
func parsePages() (map[string]*template.Template, error) {
	names, err := fs.Glob(pageFS, "pages/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(path.Base(n), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(pageFS, "pages/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("页面模板 %s: %w", n, err)
		}
		out[base] = t
	}
	return out, nil
}

// render writes page name with the layout. It renders to memory first, so that a template error
// gives an error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name, title string, data any) {
	s.renderStatus(w, r, http.StatusOK, name, title, data)
}

func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	nav := name
	switch name {
	case "batch":
		nav = "import"
	case "error":
		nav = ""
	}
	s.mu.Lock()
	p := page{Title: title, Nav: nav, Token: s.token, Loading: s.loading, Data: data}
	var buf bytes.Buffer
	err := s.pages[name].Execute(&buf, p)
	s.mu.Unlock()
	if err != nil {
		s.opts.Logf("页面 %s: %v", name, err)
		http.Error(w, "页面生成失败: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail shows an error page in the user's terms, with the hint when the error has one.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	var nd *analytics.NoDataError
	var none noYearsError
	if errors.As(err, &nd) || errors.As(err, &none) {
		status = http.StatusNotFound // nothing to show, not a fault: a fresh database, a place without data
	}
	s.renderStatus(w, r, status, "error", "出错了", map[string]string{"Message": err.Error(), "Hint": pageHint(err)})
}

// pageHint is what the page suggests for err. Errors written for the command line name its flags and
// commands (--unmasked, electsum ingest), which the page does not have: an error's PageHint names the
// page's own controls; without one, its Hint is shown only when it names nothing of the command line.
func pageHint(err error) string {
	var p interface{ PageHint() string }
	if errors.As(err, &p) {
		return p.PageHint()
	}
	var h interface{ Hint() string }
	if errors.As(err, &h) && !commandLineWords.MatchString(h.Hint()) {
		return h.Hint()
	}
	return ""
}

// commandLineWords finds a flag (--year, -o) or a command (electsum query, 命令行) in a hint.
var commandLineWords = regexp.MustCompile(`(^|[^\pL\pN-])--?[a-z]|electsum|命令行`)

// attachment sets the headers of a download named name (UTF-8, RFC 6266 filename*, with an ASCII
// fallback for old browsers).
func attachment(w http.ResponseWriter, contentType, name string) {
	w.Header().Set("Content-Type", contentType)
	ascii := "download" + path.Ext(name)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name})+"; "+
		mime.FormatMediaType("attachment", map[string]string{"filename": ascii})[len("attachment; "):])
	w.Header().Set("Cache-Control", "no-store")
}
