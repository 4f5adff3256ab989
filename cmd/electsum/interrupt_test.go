package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"electsum/ingest/synth"
)

// cancelOnWrite cancels a run the first time it writes to stderr that contains want, as Ctrl-C would
// at that moment.
type cancelOnWrite struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	want   string
	cancel context.CancelFunc
}

func (c *cancelOnWrite) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.buf.Write(p)
	if strings.Contains(c.buf.String(), c.want) {
		c.cancel()
	}
	return len(p), nil
}

// runInterrupted runs electsum and cancels its context as soon as stderr shows want.
func runInterrupted(t *testing.T, want string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	errw := &cancelOnWrite{want: want, cancel: cancel}
	// stdin never answers, as a person who presses Ctrl-C at a prompt.
	stdin, w := io.Pipe()
	defer w.Close()
	code = run(ctx, args, &env{stdin: stdin, stdout: &out, stderr: errw, canAsk: true})
	return code, out.String(), errw.buf.String()
}

// snapshot is what a database holds, table by table, as row counts and a checksum of every row.
func snapshot(t *testing.T, dbPath string) string {
	t.Helper()
	var s string
	countRows(t, dbPath, `SELECT string_agg(t || '=' || n, ' ' ORDER BY t) FROM (
		SELECT 'elections' AS t, count(*) || ':' || coalesce(sum(hash(e)), 0) AS n FROM elections e
		UNION ALL SELECT 'members', count(*) || ':' || coalesce(sum(hash(m)), 0) FROM members m
		UNION ALL SELECT 'units', count(*) || ':' || coalesce(sum(hash(u)), 0) FROM units u
		UNION ALL SELECT 'ingest_log', count(*) || ':' || coalesce(sum(hash(l)), 0) FROM ingest_log l)`, &s)
	return s
}

// anotherCounty writes the workbooks of a generated county 另一县 (townships × units) into a new folder
// and returns it: more to ingest into a database of generatedCounty's.
func anotherCounty(t *testing.T, townships, units int) string {
	t.Helper()
	cfg := synth.County()
	cfg.CountyNames, cfg.Seed, cfg.TownshipsPerCounty, cfg.UnitsPerTownship = []string{"另一县"}, 7, townships, units
	dir := filepath.Join(t.TempDir(), "more")
	if _, err := synth.WriteWorkbooks(synth.Generate(cfg), dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Issue 14 item 8: Ctrl-C during an ingest stops it with "已中断，数据库未改动", exit 130, and the database
// holds what it held before.
func TestIngestInterrupted(t *testing.T) {
	dbPath, _ := generatedCounty(t, 1, 2)
	before := snapshot(t, dbPath)
	dir := anotherCounty(t, 6, 4)
	code, stdout, stderr := runInterrupted(t, "[1/", "ingest", "--db", dbPath, dir)
	if code != 130 || !strings.Contains(stderr, "已中断，数据库未改动") {
		t.Errorf("exit %d, want 130 and 已中断，数据库未改动\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if after := snapshot(t, dbPath); after != before {
		t.Errorf("the interrupted ingest changed the database:\nbefore %s\nafter  %s", before, after)
	}
}

// Ctrl-C at remove's y/N prompt stops at once, removing nothing.
func TestRemoveInterruptedAtPrompt(t *testing.T) {
	dbPath, township := generatedCounty(t, 1, 2)
	before := snapshot(t, dbPath)
	code, _, stderr := runInterrupted(t, "(y/N)", "remove", "--db", dbPath, "--township", township, "--year", "2024")
	if code != 130 || !strings.Contains(stderr, "已中断，没有删除任何数据，数据库未改动") {
		t.Errorf("exit %d, want 130 and 已中断\nstderr:\n%s", code, stderr)
	}
	if after := snapshot(t, dbPath); after != before {
		t.Errorf("the interrupted removal changed the database:\nbefore %s\nafter  %s", before, after)
	}
}
