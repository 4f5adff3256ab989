package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"electsum"
	"electsum/analytics"
	"electsum/reports"
	"electsum/reports/annex"
	"electsum/reports/docx"
)

// parseKind reads --kind: "" (from the data), lianwei, renda or dangdaihui.
func parseKind(s string) (electsum.Kind, error) {
	for _, k := range electsum.Kinds() {
		if s == string(k) {
			return k, nil
		}
	}
	if s == "" {
		return "", nil
	}
	var names []string
	for _, k := range electsum.Kinds() {
		names = append(names, fmt.Sprintf("%s(%s)", k, k.Name()))
	}
	return "", &usageError{message: fmt.Sprintf("--kind %q 无效", s), hint: "可选 " + strings.Join(names, "、")}
}

// dataKinds are the kinds of summary to write: the one asked for, else every kind the scope's year
// holds but those that are a part of another's (社区党组织, in the 两委 draft too: written only when asked
// for, so that it never stands in place of the 两委 draft). An asked-for kind the data lacks is an error
// that says what the data does hold.
func dataKinds(ctx context.Context, db *sql.DB, scope analytics.Scope, asked electsum.Kind) ([]electsum.Kind, error) {
	if scope.Year == 0 {
		years, err := analytics.Years(ctx, db)
		if err != nil {
			return nil, err
		}
		if len(years) > 0 {
			scope.Year = years[0]
		}
	}
	held, err := analytics.Kinds(ctx, db, scope)
	if err != nil {
		return nil, err
	}
	if asked == "" {
		var whole []electsum.Kind
		for _, k := range held {
			if k.PartOf() == "" {
				whole = append(whole, k)
			}
		}
		if len(whole) == 0 {
			return []electsum.Kind{electsum.Lianwei}, nil // Summarize says there is no data
		}
		return whole, nil
	}
	for _, k := range held {
		if k == asked {
			return []electsum.Kind{asked}, nil
		}
	}
	var names []string
	for _, k := range held {
		names = append(names, fmt.Sprintf("%s(%s)", k, k.Name()))
	}
	return nil, &usageError{message: fmt.Sprintf("%d年的数据中没有%s选举", scope.Year, asked.Name()),
		hint: "数据中有：" + strings.Join(names, "、")}
}

// writeCongressReports writes the people's congress draft of each scope (county, and with
// --all-townships each township that held one) in every format asked for.
func writeCongressReports(ctx context.Context, o reportOptions, db *sql.DB, output electsum.Output, r *reports.Renderer, cfg reports.Config, opts analytics.Options) ([]string, error) {
	if o.scope.Unit != "" {
		return nil, &usageError{message: "人大换届选举工作总结按县或乡镇(街道)起草，不按选区", hint: "去掉 --unit，或用 --township 写某个乡镇的总结"}
	}
	c, err := analytics.SummarizeCongress(ctx, db, o.scope, opts)
	if err != nil {
		return nil, err
	}
	models := []*analytics.Congress{c}
	if o.allTownships && o.scope.Township == "" {
		seen := map[string]bool{}
		for _, k := range c.Constituencies {
			if seen[k.Township] {
				continue
			}
			seen[k.Township] = true
			sc := o.scope
			sc.County, sc.Township = k.County, k.Township
			tc, err := analytics.SummarizeCongress(ctx, db, sc, opts)
			if err != nil {
				return nil, err
			}
			models = append(models, tc)
		}
	}
	var paths []string
	for _, m := range models {
		v := r.CongressView(m, cfg)
		ps, err := writeDraft(o, output, v, v.Place, func(w io.Writer, script reports.Script) error { return r.CongressHTML(w, v, script) },
			func(w io.Writer) error { return reports.CongressJSON(w, v) }, r)
		paths = append(paths, ps...)
		if err != nil {
			return paths, err
		}
	}
	return paths, nil
}

// writeCongressAnnex writes the people's congress annex workbook of req.scope.
func writeCongressAnnex(ctx context.Context, db *sql.DB, output electsum.Output, req annexRequest) ([]string, error) {
	if req.format == "csv" {
		return nil, &usageError{message: "人大换届附件目前只能写成 Excel 工作簿", hint: "去掉 --format csv"}
	}
	c, err := analytics.SummarizeCongress(ctx, db, req.scope, req.opts)
	if err != nil {
		return nil, err
	}
	if err := output.Dir(filepath.Dir(req.out)); err != nil {
		return nil, err
	}
	opts := annex.Options{Unmasked: req.unmasked}
	if err := output.WriteFile(req.out, func(w io.Writer) error { return annex.WriteCongress(w, c, opts) }); err != nil {
		return nil, fmt.Errorf("写附件: %w", err)
	}
	return []string{req.out}, nil
}

// writePartyCongressReports writes the draft of a party kind (乡镇党代会 or 社区党组织) of each scope
// (county, and with --all-townships each township that held such elections) in every format asked for.
func writePartyCongressReports(ctx context.Context, o reportOptions, kind electsum.Kind, db *sql.DB, output electsum.Output, r *reports.Renderer, cfg reports.Config, opts analytics.Options) ([]string, error) {
	if o.scope.Unit != "" {
		return nil, &usageError{message: kind.Name() + "选举工作总结按县或乡镇(街道)起草，不按单位", hint: "去掉 --unit，或用 --township 写某个乡镇(街道)的总结"}
	}
	p, err := analytics.SummarizeParty(ctx, db, kind, o.scope, opts)
	if err != nil {
		return nil, err
	}
	models := []*analytics.PartyCongress{p}
	if o.allTownships && o.scope.Township == "" {
		seen := map[string]bool{}
		for _, m := range p.Meetings {
			if seen[m.Township] {
				continue
			}
			seen[m.Township] = true
			sc := o.scope
			sc.County, sc.Township = m.County, m.Township
			tp, err := analytics.SummarizeParty(ctx, db, kind, sc, opts)
			if err != nil {
				return nil, err
			}
			models = append(models, tp)
		}
	}
	var paths []string
	for _, m := range models {
		v := r.PartyCongressView(m, cfg)
		ps, err := writeDraft(o, output, v, v.Place, func(w io.Writer, script reports.Script) error { return r.PartyCongressHTML(w, v, script) },
			func(w io.Writer) error { return reports.CongressJSON(w, v) }, r)
		paths = append(paths, ps...)
		if err != nil {
			return paths, err
		}
	}
	return paths, nil
}

// writeDraft writes one draft d in every format of o: md, html (by html), docx and json (by json).
func writeDraft(o reportOptions, output electsum.Output, d reports.Draft, place string, html func(io.Writer, reports.Script) error, json func(io.Writer) error, r *reports.Renderer) ([]string, error) {
	script := o.script
	if script == "" {
		script = reports.Hans
	}
	base, err := d.Convert(script, safeFileName(d.DraftTitle()))
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range o.formats {
		write := func(w io.Writer) error {
			switch f {
			case "md":
				return r.DraftMarkdown(w, d, script)
			case "html":
				return html(w, script)
			case "docx":
				return docx.Write(w, r, d, script)
			}
			return json(w)
		}
		p := filepath.Join(o.out, base+"."+f)
		if err := output.WriteFile(p, write); err != nil {
			return paths, fmt.Errorf("生成 %s 的 %s: %w", place, f, err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// writePartyCongressAnnex writes the annex workbook of a party kind (乡镇党代会 or 社区党组织) of req.scope.
func writePartyCongressAnnex(ctx context.Context, db *sql.DB, output electsum.Output, req annexRequest, kind electsum.Kind) ([]string, error) {
	if req.format == "csv" {
		return nil, &usageError{message: kind.Name() + "附件目前只能写成 Excel 工作簿", hint: "去掉 --format csv"}
	}
	p, err := analytics.SummarizeParty(ctx, db, kind, req.scope, req.opts)
	if err != nil {
		return nil, err
	}
	if err := output.Dir(filepath.Dir(req.out)); err != nil {
		return nil, err
	}
	opts := annex.Options{Unmasked: req.unmasked}
	if err := output.WriteFile(req.out, func(w io.Writer) error { return annex.WritePartyCongress(w, p, opts) }); err != nil {
		return nil, fmt.Errorf("写附件: %w", err)
	}
	return []string{req.out}, nil
}
