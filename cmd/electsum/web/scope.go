package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"electsum"
	"electsum/analytics"
	"electsum/analytics/query"
	"electsum/cmd/electsum/config"
	"electsum/reports"
)

// scopeForm is the year, comparison year and scope picked on the 统计 and 总结与附件 pages, with the
// choices the database offers.
type scopeForm struct {
	Scope     analytics.Scope
	Years     []int
	Counties  []string
	Townships []string // of the chosen county (or all)
	Units     []string // of the chosen township
	Script    string   // hans, hant or "" (the data's)
	// Kind is the summary asked for on the 总结与附件 page (lianwei, renda, dangdaihui), "" for the
	// first the data holds (reportKind decides).
	Kind string
}

// Query is the scope as URL parameters, for links to downloads of the same scope (URL-encoded here,
// so the template may use it as is).
func (f scopeForm) Query() template.URL {
	q := url.Values{}
	q.Set("year", strconv.Itoa(f.Scope.Year))
	if f.Scope.Compare != 0 {
		q.Set("compare", strconv.Itoa(f.Scope.Compare))
	}
	for k, v := range map[string]string{"county": f.Scope.County, "township": f.Scope.Township, "unit": f.Scope.Unit, "script": f.Script, "kind": f.Kind} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return template.URL(q.Encode())
}

// Place names the scope for headings and downloads: 东山镇, 示例县, or 全部数据. A year that holds one county
// is that county's, as its summary is (the pages open without a county picked).
func (f scopeForm) Place() string {
	for _, p := range []string{f.Scope.Unit, f.Scope.Township, f.Scope.County} {
		if p != "" {
			return p
		}
	}
	if len(f.Counties) == 1 {
		return f.Counties[0]
	}
	return "全部数据"
}

// noYearsError means the database holds no election yet.
type noYearsError struct{}

func (noYearsError) Error() string { return "数据库里还没有选举数据" }
func (noYearsError) Hint() string  { return "先在“数据导入”页导入乡镇报来的表格" }

// parseScope reads the scope from the request and lists the choices. An unknown year falls back to the
// latest; names that are not in the data give analytics' NoDataError later, said in Chinese.
func (s *Server) parseScope(ctx context.Context, r *http.Request) (scopeForm, error) {
	var f scopeForm
	years, err := analytics.Years(ctx, s.db)
	if err != nil {
		return f, err
	}
	if len(years) == 0 {
		return f, noYearsError{}
	}
	f.Years = years
	q := r.URL.Query()
	f.Scope.Year, _ = strconv.Atoi(q.Get("year"))
	known := false
	for _, y := range years {
		known = known || y == f.Scope.Year
	}
	if !known {
		f.Scope.Year = years[0]
	}
	if c, err := strconv.Atoi(q.Get("compare")); err == nil && c > 0 && c < f.Scope.Year {
		f.Scope.Compare = c
	}
	f.Scope.County = strings.TrimSpace(q.Get("county"))
	f.Scope.Township = strings.TrimSpace(q.Get("township"))
	f.Scope.Unit = strings.TrimSpace(q.Get("unit"))
	switch sc := q.Get("script"); sc {
	case "hans", "hant":
		f.Script = sc
	}
	for _, k := range electsum.Kinds() {
		if q.Get("kind") == string(k) {
			f.Kind = q.Get("kind")
		}
	}
	refs, err := analytics.Scopes(ctx, s.db, f.Scope.Year)
	if err != nil {
		return f, err
	}
	seenC, seenT := map[string]bool{}, map[string]bool{}
	for _, ref := range refs {
		if !seenC[ref.County] && ref.County != "" {
			seenC[ref.County] = true
			f.Counties = append(f.Counties, ref.County)
		}
		if (f.Scope.County == "" || ref.County == f.Scope.County) && !seenT[ref.Township] {
			seenT[ref.Township] = true
			f.Townships = append(f.Townships, ref.Township)
		}
	}
	if f.Scope.Township != "" {
		t, err := query.Run(ctx, s.db, sqlText("units"), f.Scope.Year, f.Scope.County, f.Scope.Township)
		if err != nil {
			return f, err
		}
		for _, row := range t.Rows {
			if u, ok := row[0].(string); ok {
				f.Units = append(f.Units, u)
			}
		}
	}
	return f, nil
}

// reportConfig reads report.toml when it exists: the file as written and the Options it gives
// analytics; without one the defaults apply.
func (s *Server) reportConfig() (config.File, analytics.Options, error) {
	path := s.opts.Config
	if _, err := os.Stat(path); err != nil {
		path = ""
	}
	file, opts, err := config.Load(path)
	if err != nil {
		return file, opts, fmt.Errorf("报告设置有误: %w", err)
	}
	return file, opts, nil
}

// summarize is the typed 两委 model of the form's scope with the report settings' groupings (Server.model).
func (s *Server) summarize(ctx context.Context, f scopeForm) (*analytics.Summary, reports.Config, error) {
	file, opts, err := s.reportConfig()
	cfg := file.Config
	if err != nil {
		return nil, cfg, err
	}
	m, err := s.model(ctx, electsum.Lianwei, f.Scope, opts)
	if err != nil {
		return nil, cfg, err
	}
	sum, ok := m.(*analytics.Summary)
	if !ok { // SummarizeKind's lianwei model is a *Summary: this would be a mistake in analytics
		return nil, cfg, fmt.Errorf("内部错误：%s 的统计模型类型不符 (%T)", electsum.Lianwei.Name(), m)
	}
	return sum, cfg, nil
}
