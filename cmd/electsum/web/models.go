package web

import (
	"context"
	"encoding/json"
	"sync"
	"sync/atomic"

	"electsum"
	"electsum/analytics"
)

// modelBudget bounds the cached models by their rows (roster, election and 选区/meeting rows, which
// make most of a model's memory): a county holds a few thousand, the province preset's whole-database
// model about 430,000, which is not kept.
const modelBudget = 200_000

// models keeps the typed models the pages computed, per database generation, kind of summary (两委,
// 人大, 党代会, 社区党组织), scope (year, comparison year, county, township, unit) and options, so that
// 统计, its table downloads, the draft and the annex of one scope and kind compute the model once
// (analytics' Summarize, SummarizeCongress and SummarizeParty are almost all of those pages' time). A
// load through the page ends the generation (invalidate): models of earlier generations are never
// given out. Nothing else writes the database while serve holds it (DuckDB's file lock), the SQL box
// only reads, and report.toml's groupings are part of the key.
type models struct {
	mu         sync.Mutex
	generation uint64
	entries    map[modelKey]*modelEntry
	order      []modelKey // oldest first
	rows       int        // of the entries that are done

	computed atomic.Int64 // models computed (cached or not), for the tests

	// Page requests computing a model now: the warm-up waits until there are none (idle). quiet is
	// closed whenever pages falls to zero.
	pagesMu sync.Mutex
	pages   int
	quiet   chan struct{}
}

type modelKey struct {
	generation uint64
	kind       electsum.Kind
	scope      analytics.Scope
	options    string // analytics.Options as JSON (the clock is not part of it)
}

// modelEntry is one model being computed (done open) or computed.
type modelEntry struct {
	done  chan struct{}
	model analytics.Model
	err   error
	rows  int
}

// computeFunc computes one model and says how many rows it holds (modelBudget).
type computeFunc func(context.Context) (model analytics.Model, rows int, err error)

// invalidate ends the current generation: every model computed so far, or being computed, is of
// the data before the load.
func (m *models) invalidate() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.generation++
	m.entries, m.order, m.rows = nil, nil, 0
}

// current is the generation of the data the database holds now.
func (m *models) current() uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.generation
}

func (m *models) compute(ctx context.Context, compute computeFunc) (analytics.Model, int, error) {
	m.computed.Add(1)
	return compute(ctx)
}

// computePage is compute for a page request, counted in pages.
func (m *models) computePage(ctx context.Context, compute computeFunc) (analytics.Model, int, error) {
	m.pageStarts()
	defer m.pageEnds()
	return m.compute(ctx, compute)
}

// get returns the model of kind, scope and opts in the current generation, computing it with compute
// once however many requests ask at the same time. The model is shared: callers only read it. Errors
// are not kept.
func (m *models) get(ctx context.Context, kind electsum.Kind, scope analytics.Scope, opts analytics.Options, compute computeFunc) (analytics.Model, error) {
	o, err := json.Marshal(opts)
	if err != nil { // Options are plain data; a failure here only means no caching
		v, _, err := m.computePage(ctx, compute)
		return v, err
	}
	m.mu.Lock()
	key := modelKey{generation: m.generation, kind: kind, scope: scope, options: string(o)}
	e := m.entries[key]
	if e != nil {
		m.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.err == nil {
			return e.model, nil
		}
		// The first computation failed (a warm-up cancelled, a request's error): try on this one's behalf.
		v, _, err := m.computePage(ctx, compute)
		return v, err
	}
	e = m.enter(key)
	m.mu.Unlock()
	// The computation outlives a request that gives up, so that the requests waiting for it get it.
	m.pageStarts()
	defer m.pageEnds()
	m.fill(context.WithoutCancel(ctx), key, e, compute)
	return e.model, e.err
}

// warmEntry is a model the warm-up reserved (models.reserve) and fills (models.fill).
type warmEntry struct {
	key   modelKey
	entry *modelEntry
}

// reserve makes the entry of kind, scope and opts in generation gen for the warm-up, which then fills
// it: requests that ask for the model meanwhile wait for it. ok is false when gen is no longer the
// current generation or the model is there or being computed already.
func (m *models) reserve(gen uint64, kind electsum.Kind, scope analytics.Scope, opts analytics.Options) (warmEntry, bool) {
	o, err := json.Marshal(opts)
	if err != nil {
		return warmEntry{}, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	key := modelKey{generation: gen, kind: kind, scope: scope, options: string(o)}
	if gen != m.generation || m.entries[key] != nil {
		return warmEntry{}, false
	}
	return warmEntry{key, m.enter(key)}, true
}

// idle waits until no page is computing a model (the warm-up leaves the machine to the pages), or ctx
// ends.
func (m *models) idle(ctx context.Context) error {
	for ctx.Err() == nil {
		m.pagesMu.Lock()
		busy, quiet := m.pages > 0, m.quiet
		m.pagesMu.Unlock()
		if !busy {
			break
		}
		select {
		case <-quiet:
		case <-ctx.Done():
		}
	}
	return ctx.Err()
}

func (m *models) pageStarts() {
	m.pagesMu.Lock()
	defer m.pagesMu.Unlock()
	if m.pages == 0 {
		m.quiet = make(chan struct{})
	}
	m.pages++
}

func (m *models) pageEnds() {
	m.pagesMu.Lock()
	defer m.pagesMu.Unlock()
	m.pages--
	if m.pages == 0 {
		close(m.quiet)
	}
}

// enter makes the entry of key, being computed (m.mu held).
func (m *models) enter(key modelKey) *modelEntry {
	e := &modelEntry{done: make(chan struct{})}
	if m.entries == nil {
		m.entries = map[modelKey]*modelEntry{}
	}
	m.entries[key] = e
	return e
}

// fill computes e and keeps it when it succeeded, its generation is still current and it fits in the
// budget (the oldest models give way).
func (m *models) fill(ctx context.Context, key modelKey, e *modelEntry, compute computeFunc) {
	e.model, e.rows, e.err = m.compute(ctx, compute)
	close(e.done)

	m.mu.Lock()
	defer m.mu.Unlock()
	if m.entries[key] != e { // invalidated meanwhile
		return
	}
	if e.err != nil || e.rows > modelBudget {
		delete(m.entries, key)
		return
	}
	m.order = append(m.order, key)
	m.rows += e.rows
	for m.rows > modelBudget && len(m.order) > 0 {
		old := m.order[0]
		m.order = m.order[1:]
		m.rows -= m.entries[old].rows
		delete(m.entries, old)
	}
}

// computeModel computes the model of kind for scope (analytics.SummarizeKind).
func (s *Server) computeModel(kind electsum.Kind, scope analytics.Scope, opts analytics.Options) computeFunc {
	return func(ctx context.Context) (analytics.Model, int, error) {
		m, err := analytics.SummarizeKind(ctx, s.db, kind, scope, opts)
		if err != nil {
			return nil, 0, err
		}
		return m, m.Rows(), nil
	}
}

// model is the model of kind for scope from the server's cache (models.get), stamped with this
// request's time: a copy of the shared model (analytics.Model.At), which the caller only reads.
func (s *Server) model(ctx context.Context, kind electsum.Kind, scope analytics.Scope, opts analytics.Options) (analytics.Model, error) {
	m, err := s.models.get(ctx, kind, scope, opts, s.computeModel(kind, scope, opts))
	if err != nil {
		return nil, err
	}
	return m.At(s.opts.Now()), nil
}
