package web

import (
	"context"
	"slices"

	"electsum"
	"electsum/analytics"
	"electsum/analytics/query"
	"electsum/ingest"
)

// warmCounties is how many counties of a load the warm-up computes ahead (a province's load would
// otherwise keep both cores busy for minutes with models nobody may open).
const warmCounties = 3

// warmItem is one model the warm-up computes.
type warmItem struct {
	kind  electsum.Kind
	scope analytics.Scope
}

// warmPlan lists the models a user most likely opens after a load that wrote rows, in that order: of the
// year just loaded (the latest the load wrote), the scope 统计 and 总结与附件 show first — the whole
// year's when it holds one county (the pages open without a county picked, which is then that county's
// summary), else each county the load wrote (at most warmCounties) — and each kind of summary that scope
// holds, 两委 first. With them the report settings' options, which are part of the models' keys.
func (s *Server) warmPlan(ctx context.Context, rep *ingest.Report) ([]warmItem, analytics.Options) {
	var files []string
	for _, f := range rep.Files {
		if f.Outcome == ingest.Loaded {
			files = append(files, f.Path)
		}
	}
	if len(files) == 0 || len(rep.Years) == 0 {
		return nil, analytics.Options{}
	}
	_, opts, err := s.reportConfig()
	if err != nil {
		return nil, opts // the pages say what is wrong with report.toml
	}
	year := slices.Max(rep.Years)
	t, err := query.Run(ctx, s.db, sqlText("loaded_counties"), year, files)
	if err != nil {
		s.warmFailed(ctx, err)
		return nil, opts
	}
	var scopes []analytics.Scope
	for _, row := range t.Rows {
		county, _ := row[0].(string)
		if n, _ := row[1].(int64); n == 1 {
			scopes = []analytics.Scope{{Year: year}}
			break
		}
		if county != "" && len(scopes) < warmCounties {
			scopes = append(scopes, analytics.Scope{County: county, Year: year})
		}
	}
	var plan []warmItem
	for _, scope := range scopes {
		kinds, err := analytics.Kinds(ctx, s.db, scope)
		if err != nil {
			s.warmFailed(ctx, err)
			return nil, opts
		}
		for _, k := range kinds {
			plan = append(plan, warmItem{k, scope})
		}
	}
	return plan, opts
}

// startWarmUp computes the plan's models in the background, in the generation of the data just loaded
// (s.mu held, before the batch shows as done). The first model — the one 统计 opens — is reserved here,
// so that a page asked the moment the load is done waits for it rather than computing it beside the
// warm-up; each later one waits until no page is computing. The next load stops the warm-up
// (runBatch), as does Close; models.fill keeps nothing cancelled or of another generation.
func (s *Server) startWarmUp(plan []warmItem, opts analytics.Options) {
	ctx, cancel := context.WithCancel(s.baseCtx)
	done := make(chan struct{})
	s.warmCancel, s.warmDone = cancel, done
	gen := s.models.current()
	first, reserved := s.models.reserve(gen, plan[0].kind, plan[0].scope, opts)
	s.loads.Add(1)
	go func() {
		defer s.loads.Done()
		defer close(done)
		defer cancel()
		for i, it := range plan {
			we, ok := first, reserved
			if i > 0 {
				if s.models.idle(ctx) != nil {
					return
				}
				we, ok = s.models.reserve(gen, it.kind, it.scope, opts)
			}
			if !ok {
				continue
			}
			if s.warmHook != nil {
				s.warmHook(ctx)
			}
			s.models.fill(ctx, we.key, we.entry, s.computeModel(it.kind, it.scope, opts))
			if err := we.entry.err; err != nil {
				s.warmFailed(ctx, err)
				if ctx.Err() != nil {
					return
				}
			}
		}
	}()
}

// warmFailed logs a warm-up's error, unless it was stopped: the page that needs the model computes it
// and says what is wrong.
func (s *Server) warmFailed(ctx context.Context, err error) {
	if ctx.Err() == nil {
		s.opts.Logf("预先计算统计: %v", err)
	}
}
