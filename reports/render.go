// Package reports writes the draft year-end election summary (换届选举工作总结) from an
// analytics.Summary: Markdown through the templates of package templates (or a user's folder), a
// self-contained HTML page with inline SVG charts, and the JSON of the view the templates received.
// Text may be converted to Traditional Chinese with OpenCC. Renderers write to an io.Writer; opening
// files is the caller's business.
package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"electsum/analytics"
	"electsum/templates"
)

// Renderer holds the parsed report templates. It is safe for concurrent use.
type Renderer struct {
	t     *template.Template
	plain *template.Template // the same templates without Markdown escaping, for plain text (Finding)
	words *Words             // the folder's words.toml over the built-in words
}

// TemplateError is a template that does not parse or fails while executing; File and Line say where
// (Line 0 when the error does not name one).
type TemplateError struct {
	File string
	Line int
	Err  error
}

func (e *TemplateError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("模板 %s 第%d行: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("模板 %s: %v", e.File, e.Err)
}

func (e *TemplateError) Unwrap() error { return e.Err }

// ErrMissingTemplate means a template folder lacks the template of a report level.
var ErrMissingTemplate = errors.New("缺少报告模板")

var templateErrPos = regexp.MustCompile(`template: ([^:\s]+):(\d+)`)

func templateError(file string, err error) error {
	te := &TemplateError{File: file, Err: err}
	if m := templateErrPos.FindStringSubmatch(err.Error()); m != nil {
		te.File = m[1]
		te.Line, _ = strconv.Atoi(m[2])
	}
	return te
}

// levelTemplates are the file names of each level's template.
var levelTemplates = map[analytics.Level]string{
	analytics.LevelUnit:     "unit.md.tmpl",
	analytics.LevelTownship: "township.md.tmpl",
	analytics.LevelCounty:   "county.md.tmpl",
}

// NewRenderer parses every *.tmpl in fsys (nil: the built-in templates) once, with the phrasing helpers
// and missingkey=error, and checks that each level's template is there. A shared file of the built-in
// templates that fsys lacks (findings.md.tmpl in a folder exported before it existed) is taken from
// the built-in ones, and its words.toml is read over the built-in words (readWords). What every action
// prints is escaped as Markdown text (see escapeActions): only the templates' own text is Markdown markup.
func NewRenderer(fsys fs.FS) (*Renderer, error) {
	if fsys == nil {
		fsys = templates.FS
	}
	names, err := fs.Glob(fsys, "*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	from := map[string]fs.FS{}
	for _, name := range names {
		from[name] = fsys
	}
	builtinNames, err := fs.Glob(templates.FS, "*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	levels := map[string]bool{}
	for _, name := range levelTemplates {
		levels[name] = true
	}
	for _, name := range builtinNames {
		if from[name] == nil && !levels[name] {
			from[name] = templates.FS
			names = append(names, name)
		}
	}
	words, err := readWords(fsys, builtinWords)
	if err != nil {
		return nil, err
	}
	funcs := words.Funcs()
	parse := func() (*template.Template, error) {
		root := template.New("").Funcs(funcs).Funcs(template.FuncMap{escapeFunc: escapeMarkdown}).Option("missingkey=error")
		for _, name := range names {
			b, err := fs.ReadFile(from[name], name)
			if err != nil {
				return nil, fmt.Errorf("read template %s: %w", name, err)
			}
			if _, err := root.New(name).Parse(string(b)); err != nil {
				return nil, templateError(name, err)
			}
		}
		return root, nil
	}
	root, err := parse()
	if err != nil {
		return nil, err
	}
	plain, err := parse() // escapeActions rewrites the parse trees, which a Clone would share
	if err != nil {
		return nil, err
	}
	escapeActions(root)
	for _, name := range levelTemplates {
		if root.Lookup(name) == nil {
			return nil, fmt.Errorf("%w %s（模板目录中应有 unit.md.tmpl、township.md.tmpl 和 county.md.tmpl）", ErrMissingTemplate, name)
		}
	}
	return &Renderer{t: root, plain: plain, words: words}, nil
}

// Finding words f as plain text with the template finding.<kind> (through "finding"), for a report of
// level whose whole scope is all (全县): the sentence the draft prints, for a table cell (the annex's
// 数据核对 sheet).
func (r *Renderer) Finding(f analytics.Finding, all string, level analytics.Level) (string, error) {
	var buf bytes.Buffer
	if err := r.plain.ExecuteTemplate(&buf, "finding", Stated{Finding: f, All: all, Level: level}); err != nil {
		return "", templateError("findings.md.tmpl", err)
	}
	return strings.TrimSpace(buf.String()), nil
}

var builtin = func() *Renderer {
	r, err := NewRenderer(nil)
	if err != nil {
		panic(err) // a broken built-in template is a programmer error
	}
	return r
}()

// Builtin returns the renderer of the built-in templates.
func Builtin() *Renderer { return builtin }

// execute runs the level's template into Markdown text in Simplified Chinese.
func (r *Renderer) execute(v *View) (string, error) {
	name, ok := levelTemplates[v.Level]
	if !ok {
		return "", fmt.Errorf("报告级别 %q 无效（应为 unit、township 或 county）", v.Level)
	}
	var buf bytes.Buffer
	if err := r.t.ExecuteTemplate(&buf, name, v); err != nil {
		return "", templateError(name, err)
	}
	return tidy(buf.String()), nil
}

// Markdown writes the report as Markdown in script.
func (r *Renderer) Markdown(w io.Writer, v *View, script Script) error {
	return r.DraftMarkdown(w, v, script)
}

// text is the report as Markdown in script: its level's template, converted.
func (v *View) text(r *Renderer, script Script) (string, error) {
	md, err := r.execute(v)
	if err != nil {
		return "", err
	}
	return v.Convert(script, md)
}

// JSON writes the view the draft's template receives (*View, *CongressView, *PartyCongressView),
// indented.
func JSON(w io.Writer, v Draft) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

var blankRun = regexp.MustCompile(`\n{3,}`)

// tidy lets templates be written readably: lines of only spaces become empty, runs of blank lines
// collapse to one, and the text starts at its first line and ends with one newline.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			lines[i] = ""
		}
	}
	s = blankRun.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return strings.TrimSpace(s) + "\n"
}
