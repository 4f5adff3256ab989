//go:build unix

package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run electsum's real main in a child process (the test binary itself), so that
// it receives a real signal or runs under a real file-size limit.
func TestMain(m *testing.M) {
	if os.Getenv("ELECTSUM_TEST_MAIN") == "1" {
		if s := os.Getenv("ELECTSUM_TEST_FSIZE"); s != "" {
			// Over the limit, a write fails with EFBIG, as on a full disk with ENOSPC; without this
			// the signal the kernel also sends ends the process when DuckDB's own threads write.
			signal.Ignore(syscall.SIGXFSZ)
			n, _ := strconv.ParseUint(s, 10, 64)
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
				panic(err)
			}
		}
		main()
	}
	os.Exit(m.Run())
}

// electsumProcess is electsum's main in a child process; extra holds extra environment variables.
func electsumProcess(t *testing.T, extra []string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "ELECTSUM_TEST_MAIN=1"), extra...)
	return cmd
}

// Issue 14 item 8: a real Ctrl-C (SIGINT) in the middle of an ingest stops it promptly with
// "已中断，数据库未改动" and exit 130, leaving the database as it was.
func TestIngestSIGINT(t *testing.T) {
	dbPath, _ := generatedCounty(t, 1, 2)
	before := snapshot(t, dbPath)
	dir := anotherCounty(t, 12, 15)
	cmd := electsumProcess(t, nil, "ingest", "--db", dbPath, dir)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var seen bytes.Buffer
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		seen.WriteString(lines.Text() + "\n")
		if strings.HasPrefix(lines.Text(), "[1/") {
			break
		}
	}
	sent := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	for lines.Scan() {
		seen.WriteString(lines.Text() + "\n")
	}
	err = cmd.Wait()
	took := time.Since(sent)
	t.Logf("stopped %s after SIGINT", took.Round(time.Millisecond))
	if code := cmd.ProcessState.ExitCode(); code != 130 || !strings.Contains(seen.String(), "已中断，数据库未改动") {
		t.Errorf("exit %d (%v), want 130 and 已中断，数据库未改动; stderr:\n%s", code, err, seen.String())
	}
	// A generous bound against waiting for the whole run (a dozen townships), not a timing test.
	if took > 20*time.Second {
		t.Errorf("took %s to stop after SIGINT", took)
	}
	if after := snapshot(t, dbPath); after != before {
		t.Errorf("the interrupted ingest changed the database:\nbefore %s\nafter  %s", before, after)
	}
}

// Issue 14 item 8: a full disk (here a file-size limit, which fails writes with EFBIG as a full disk
// fails them with ENOSPC) is said in Chinese with what to do, and leaves no half-written file.
func TestDiskFull(t *testing.T) {
	dbPath, _ := generatedCounty(t, 1, 2)
	limit := []string{"ELECTSUM_TEST_FSIZE=" + strconv.Itoa(16<<10)}

	out := filepath.Join(t.TempDir(), "all.csv")
	cmd := electsumProcess(t, limit, "query", "--db", dbPath, "-o", out, "SELECT * FROM members, range(20)")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(stderr.String(), "磁盘空间不足") || !strings.Contains(stderr.String(), "建议: 清理磁盘") {
		t.Errorf("query -o on a full disk: exit %d (%v), stderr:\n%s", code, err, stderr.String())
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "*")); len(left) > 0 {
		t.Errorf("a failed write left %q", left)
	}

	// DuckDB's own write of a new database file.
	newDB := filepath.Join(t.TempDir(), "new.duckdb")
	cmd = electsumProcess(t, limit, "ingest", "--db", newDB, filepath.Join(filepath.Dir(dbPath), "data"))
	stderr.Reset()
	cmd.Stderr = &stderr
	err = cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(stderr.String(), "磁盘空间不足") {
		t.Errorf("ingest on a full disk: exit %d (%v), stderr:\n%s", code, err, stderr.String())
	}
	t.Logf("ingest on a full disk:\n%s", stderr.String())
}
