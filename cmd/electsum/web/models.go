package web

import (
	"context"
	"encoding/json"
	"sync"

	"electsum/analytics"
)

// modelBudget bounds the cached models by their rows (roster and election rows, which make most of a
// model's memory): a county holds a few thousand, the province preset's whole-database model about
// 430,000, which is not kept.
const modelBudget = 200_000

// models keeps the typed models the pages computed, per database generation, scope (year, comparison
// year, county, township, unit) and options, so that 统计, its table downloads, the draft and the annex of
// one scope compute the model once (analytics.Summarize is almost all of those pages' time). A load
// through the page ends the generation (invalidate): models of earlier generations are never given
// out. Nothing else writes the database while serve holds it (DuckDB's file lock), the SQL box only
// reads, and report.toml's groupings are part of the key.
type models struct {
	mu         sync.Mutex
	generation uint64
	entries    map[modelKey]*modelEntry
	order      []modelKey // oldest first
	rows       int        // of the entries that are done
}

type modelKey struct {
	generation uint64
	scope      analytics.Scope
	options    string // analytics.Options as JSON (the clock is not part of it)
}

// modelEntry is one model being computed (done open) or computed.
type modelEntry struct {
	done chan struct{}
	sum  *analytics.Summary
	err  error
	rows int
}

// invalidate ends the current generation: every model computed so far, or being computed, is of
// the data before the load.
func (m *models) invalidate() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.generation++
	m.entries, m.order, m.rows = nil, nil, 0
}

// summarize returns the model of scope and opts in the current generation, computing it with compute
// once however many requests ask at the same time. The model is shared: callers only read it. Errors
// are not kept.
func (m *models) summarize(ctx context.Context, scope analytics.Scope, opts analytics.Options,
	compute func(context.Context) (*analytics.Summary, error)) (*analytics.Summary, error) {
	o, err := json.Marshal(opts)
	if err != nil { // Options are plain data; a failure here only means no caching
		return compute(ctx)
	}
	m.mu.Lock()
	key := modelKey{generation: m.generation, scope: scope, options: string(o)}
	if e := m.entries[key]; e != nil {
		m.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.err == nil {
			return e.sum, nil
		}
		return compute(ctx) // the first request failed (perhaps cancelled): try on this one's behalf
	}
	e := &modelEntry{done: make(chan struct{})}
	if m.entries == nil {
		m.entries = map[modelKey]*modelEntry{}
	}
	m.entries[key] = e
	m.mu.Unlock()

	// The computation outlives a request that gives up, so that the requests waiting for it get it.
	e.sum, e.err = compute(context.WithoutCancel(ctx))
	if e.sum != nil {
		e.rows = len(e.sum.Roster) + len(e.sum.Elections)
	}
	close(e.done)

	m.mu.Lock()
	defer m.mu.Unlock()
	if m.entries[key] != e { // invalidated meanwhile
		return e.sum, e.err
	}
	if e.err != nil || e.rows > modelBudget {
		delete(m.entries, key)
		return e.sum, e.err
	}
	m.order = append(m.order, key)
	m.rows += e.rows
	for m.rows > modelBudget && len(m.order) > 0 {
		old := m.order[0]
		m.order = m.order[1:]
		m.rows -= m.entries[old].rows
		delete(m.entries, old)
	}
	return e.sum, e.err
}
