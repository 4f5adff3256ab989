package query

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Saved is a saved analysis (保存的查询): one embedded file analytics/query/saved/NAME.sql whose header
// comments give its name, a one-line Chinese description and its parameters:
//
//	-- name: low-turnout
//	-- description: 参选率低于阈值的村（社区）
//	-- param: year integer 选举年份（默认：最近一届）
//
// Parameters are bound as named parameters ($year); one the user does not give is bound as NULL, and
// the SQL supplies the default (coalesce($year::INTEGER, …)).
type Saved struct {
	Name        string
	Description string
	Params      []Param
	SQL         string
}

// Param is one parameter of a saved analysis.
type Param struct {
	Name string
	Type ParamType
	Doc  string // what it means and its default, in Chinese
}

// ParamType is how a parameter's text (--param year=2024) is read.
type ParamType string

const (
	ParamInteger ParamType = "integer"
	ParamNumber  ParamType = "number"
	ParamText    ParamType = "text"
	ParamDate    ParamType = "date" // 2024-06-30
	ParamBoolean ParamType = "boolean"
)

// ParamError is a parameter value the saved analysis cannot use: a name it does not have, or text
// that is not of the parameter's type.
type ParamError struct {
	Query string
	Param string
	Value string
	Known []string // the analysis' parameter names, for the hint
	Type  ParamType
}

func (e *ParamError) Error() string {
	if e.Type == "" {
		return fmt.Sprintf("保存的查询 %s 没有参数 %q", e.Query, e.Param)
	}
	return fmt.Sprintf("保存的查询 %s 的参数 %s=%q 不是%s", e.Query, e.Param, e.Value, paramTypeNames[e.Type])
}

// Hint lists the parameters the analysis has.
func (e *ParamError) Hint() string {
	if len(e.Known) == 0 {
		return fmt.Sprintf("%s 没有参数; 运行 electsum query --list 查看", e.Query)
	}
	return fmt.Sprintf("%s 的参数: %s; 运行 electsum query --list 查看说明", e.Query, strings.Join(e.Known, ", "))
}

// PageHint is Hint for the web page, which lists each saved query's parameters beside their boxes.
func (e *ParamError) PageHint() string {
	if len(e.Known) == 0 {
		return fmt.Sprintf("%s 没有参数", e.Query)
	}
	return fmt.Sprintf("%s 的参数: %s; 说明写在各参数框旁", e.Query, strings.Join(e.Known, ", "))
}

var paramTypeNames = map[ParamType]string{
	ParamInteger: "整数",
	ParamNumber:  "数字",
	ParamText:    "文本",
	ParamDate:    "日期 (如 2024-06-30)",
	ParamBoolean: "是/否 (true/false)",
}

//go:embed saved/*.sql
var savedFS embed.FS

var savedQueries = sync.OnceValue(func() []Saved {
	names, err := fs.Glob(savedFS, "saved/*.sql")
	if err != nil {
		panic(err)
	}
	out := make([]Saved, 0, len(names))
	for _, n := range names {
		body, err := savedFS.ReadFile(n)
		if err != nil {
			panic(err)
		}
		s, err := parseSaved(strings.TrimSuffix(path.Base(n), ".sql"), string(body))
		if err != nil {
			panic(fmt.Sprintf("analytics/query/%s: %v", n, err))
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
})

var (
	headerLine = regexp.MustCompile(`^--\s*(name|description|param):\s*(.*?)\s*$`)
	paramLine  = regexp.MustCompile(`^([a-z_][a-z0-9_]*)\s+(integer|number|text|date|boolean)\s*(.*)$`)
	paramRef   = regexp.MustCompile(`\$([a-z_][a-z0-9_]*)`)
)

// parseSaved reads the header comments of a saved analysis and checks them against its SQL.
func parseSaved(file, body string) (Saved, error) {
	s := Saved{SQL: body}
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "--") {
			if line == "" {
				continue
			}
			break
		}
		m := headerLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		switch m[1] {
		case "name":
			s.Name = m[2]
		case "description":
			s.Description = m[2]
		case "param":
			p := paramLine.FindStringSubmatch(m[2])
			if p == nil {
				return s, fmt.Errorf("bad param line %q: want \"-- param: name integer|number|text|date|boolean doc\"", line)
			}
			s.Params = append(s.Params, Param{Name: p[1], Type: ParamType(p[2]), Doc: p[3]})
		}
	}
	if s.Name != file {
		return s, fmt.Errorf("header name %q differs from the file name", s.Name)
	}
	if s.Description == "" {
		return s, errors.New("no -- description: line")
	}
	declared := map[string]bool{}
	for _, p := range s.Params {
		declared[p.Name] = true
	}
	used := map[string]bool{}
	for _, m := range paramRef.FindAllStringSubmatch(stripComments(body), -1) {
		used[m[1]] = true
		if !declared[m[1]] {
			return s, fmt.Errorf("$%s is used but not declared in a -- param line", m[1])
		}
	}
	for name := range declared {
		if !used[name] {
			return s, fmt.Errorf("param %s is declared but not used", name)
		}
	}
	return s, nil
}

// SavedQueries lists the saved analyses, by name.
func SavedQueries() []Saved { return savedQueries() }

// FindSaved returns the saved analysis called name.
func FindSaved(name string) (Saved, bool) {
	for _, s := range savedQueries() {
		if s.Name == name {
			return s, true
		}
	}
	return Saved{}, false
}

// Run runs the saved analysis with the parameter values given as text (from --param name=value) and
// returns its whole result; parameters not given are NULL, which the SQL reads as "use the default".
// An unknown name or a value not of the parameter's type is a *ParamError.
func (s Saved) Run(ctx context.Context, db *sql.DB, values map[string]string) (*Table, error) {
	rows, err := s.Open(ctx, db, values)
	if err != nil {
		return nil, err
	}
	t, err := rows.table()
	if err != nil {
		return nil, fmt.Errorf("保存的查询 %s: %w", s.Name, err)
	}
	return t, nil
}

// Open is Run for a result read row by row (see Open).
func (s Saved) Open(ctx context.Context, db *sql.DB, values map[string]string) (*Rows, error) {
	args, err := s.args(values)
	if err != nil {
		return nil, err
	}
	rows, err := Open(ctx, db, s.SQL, args...)
	if err != nil {
		return nil, fmt.Errorf("保存的查询 %s: %w", s.Name, err)
	}
	return rows, nil
}

// args binds the parameter values given as text.
func (s Saved) args(values map[string]string) ([]any, error) {
	known := make([]string, len(s.Params))
	for i, p := range s.Params {
		known[i] = p.Name
	}
	for name := range values {
		if !containsString(known, name) {
			return nil, &ParamError{Query: s.Name, Param: name, Known: known}
		}
	}
	args := make([]any, 0, len(s.Params))
	for _, p := range s.Params {
		text, ok := values[p.Name]
		if !ok {
			args = append(args, sql.Named(p.Name, nil))
			continue
		}
		v, err := p.parse(text)
		if err != nil {
			return nil, &ParamError{Query: s.Name, Param: p.Name, Value: text, Type: p.Type, Known: known}
		}
		args = append(args, sql.Named(p.Name, v))
	}
	return args, nil
}

func (p Param) parse(text string) (any, error) {
	text = strings.TrimSpace(text)
	switch p.Type {
	case ParamInteger:
		return strconv.ParseInt(text, 10, 64)
	case ParamNumber:
		f, err := strconv.ParseFloat(text, 64)
		if err == nil && (math.IsNaN(f) || math.IsInf(f, 0)) {
			err = errors.New("not a finite number")
		}
		return f, err
	case ParamDate:
		return time.Parse("2006-01-02", text)
	case ParamBoolean:
		switch text {
		case "是", "1", "true", "TRUE", "True", "yes":
			return true, nil
		case "否", "0", "false", "FALSE", "False", "no":
			return false, nil
		}
		return nil, errors.New("not a boolean")
	}
	return text, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
