package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"electsum"
	"electsum/analytics"
	"electsum/reports"
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

// draftModels are the models of kind k that one run drafts: the scope's; for the 两委 with no scope
// given, each county's of the database instead (when it names counties); with --all-townships each
// township's of those as well. The people's congress and party drafts are of a county or township,
// never of a unit.
func draftModels(ctx context.Context, o reportOptions, k electsum.Kind, db *sql.DB, opts analytics.Options) ([]analytics.Model, error) {
	if k != electsum.Lianwei && o.scope.Unit != "" {
		return nil, &usageError{message: k.Name() + "选举工作总结按县或乡镇(街道)起草，不按单位", hint: "去掉 --unit，或用 --township 写某个乡镇(街道)的总结"}
	}
	m, err := analytics.SummarizeKind(ctx, db, k, o.scope, opts)
	if err != nil {
		return nil, err
	}
	models := []analytics.Model{m}
	if s, ok := m.(*analytics.Summary); ok && o.scope.County == "" && o.scope.Township == "" && o.scope.Unit == "" && len(s.Counties) > 0 {
		models = nil
		for _, c := range s.Counties {
			sc := o.scope
			sc.County = c
			cm, err := analytics.SummarizeKind(ctx, db, k, sc, opts)
			if err != nil {
				return nil, err
			}
			models = append(models, cm)
		}
	}
	if !o.allTownships || o.scope.Township != "" || o.scope.Unit != "" {
		return models, nil
	}
	for _, m := range models {
		for _, t := range m.TownshipsHeld() {
			sc := o.scope
			sc.County, sc.Township = t.County, t.Township
			tm, err := analytics.SummarizeKind(ctx, db, k, sc, opts)
			if err != nil {
				return nil, err
			}
			models = append(models, tm)
		}
	}
	return models, nil
}

// writeDrafts writes the drafts of kind k (draftModels) in every format asked for.
func writeDrafts(ctx context.Context, o reportOptions, k electsum.Kind, db *sql.DB, output electsum.Output, r *reports.Renderer, cfg reports.Config, opts analytics.Options) ([]string, error) {
	models, err := draftModels(ctx, o, k, db, opts)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, m := range models {
		d, err := r.Draft(m, cfg)
		if err != nil {
			return paths, err
		}
		if v, ok := d.(*reports.View); ok && o.level != "" {
			v.Level = o.level // --level picks the 两委 draft's template
		}
		ps, err := writeDraft(o, output, d, r)
		paths = append(paths, ps...)
		if err != nil {
			return paths, err
		}
	}
	return paths, nil
}

// writeDraft writes one draft d in every format of o, in o's script (else the draft's own), each
// file whole or not at all (electsum.Output).
func writeDraft(o reportOptions, output electsum.Output, d reports.Draft, r *reports.Renderer) ([]string, error) {
	script := o.script
	if script == "" {
		script = d.DataScript()
	}
	base, err := d.Convert(script, electsum.FileName(d.FileTitle()))
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range o.formats {
		var buf bytes.Buffer
		switch f {
		case "md":
			err = r.DraftMarkdown(&buf, d, script)
		case "html":
			err = r.DraftHTML(&buf, d, script)
		case "docx":
			err = docx.Write(&buf, r, d, script)
		case "json":
			err = reports.JSON(&buf, d)
		}
		if err != nil {
			return paths, fmt.Errorf("生成 %s.%s: %w", base, f, err)
		}
		p := filepath.Join(o.out, base+"."+f)
		if err := output.WriteFile(p, func(w io.Writer) error { _, err := buf.WriteTo(w); return err }); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
