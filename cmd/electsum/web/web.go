// Package web is `electsum serve`: a local web page in Chinese for the county organisation department,
// so that people who use Excel and Word load the townships' sheets, read the problems, look at the
// figures and download the draft and the annex without a terminal.
//
// It is net/http with html/template and embedded assets (no CDN, no JavaScript framework: the page
// needs a drop zone, progress bars and a sortable table, which a few hundred lines of plain JavaScript
// do). One DuckDB instance serves the whole process: one load (the writer) at a time, while pages keep
// reading the last committed data (DuckDB's MVCC) and show "正在导入" until the load ends.
//
// Safety: the server binds 127.0.0.1 unless told otherwise and then answers only requests addressed to
// localhost (no DNS rebinding); every POST carries the page's CSRF token and passes Go's cross-origin
// protection; no part of a request names a file on disk — uploads are stored under names the server
// makes, downloads are looked up by an id in memory; html/template escapes every string from the data
// and from users; user SQL goes through query.Run's read-only guard on a database opened without
// access to other files.
package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"electsum/analytics"
	"electsum/ingest"
)

//go:embed pages/*.html
var pageFS embed.FS

//go:embed static
var staticFS embed.FS

//go:embed sql/*.sql
var sqlFS embed.FS

func sqlText(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Options configure a Server. DB is required; the rest have defaults.
type Options struct {
	// DB is the path of the DuckDB file; it is created when missing.
	DB string
	// Config is the path of report.toml that the 总结与附件 page reads and writes.
	Config string
	// MaxFileSize is the largest file accepted, in bytes (0: ingest's default).
	MaxFileSize int64
	// MaxFiles is how many input files one upload may hold (0: 2000).
	MaxFiles int
	// MaxUpload is the largest total of one upload in bytes, zip contents counted unpacked (0: 2 GiB).
	MaxUpload int64
	// WorkDir holds the uploads while they are checked ("": a new temporary folder).
	WorkDir string
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// Logf logs server errors (nil: the standard logger).
	Logf func(format string, args ...any)
	// Limits bound DuckDB's memory and temporary disk for the whole process, the SQL box included; a
	// load lowers the memory bound for its duration and gives it back (ingest.LoadOptions.MemoryLimit).
	Limits ingest.Limits
	// PublicAddr is set when the server listens beyond loopback (--addr 0.0.0.0:8080): requests may then
	// name any host. Otherwise only localhost and loopback addresses are answered.
	PublicAddr bool
}

// Server is the web page of one database.
type Server struct {
	opts    Options
	db      *sql.DB
	pages   map[string]*template.Template
	token   string
	workDir string
	ownWork bool

	baseCtx context.Context
	cancel  context.CancelFunc
	loads   sync.WaitGroup

	mu      sync.Mutex
	batches map[string]*batch
	order   []string // batch ids, oldest first
	loading *batch   // the batch being loaded, if any

	models models // the typed models of this database generation

	// The warm-up after a load (warmUp): cancel stops it, done is closed when it has stopped (s.mu).
	warmCancel context.CancelFunc
	warmDone   chan struct{}
	// warmHook, when set (tests), runs before each model the warm-up computes.
	warmHook func(ctx context.Context)
	// noWarm switches the warm-up off (benchmarks, for the page as it was without it).
	noWarm bool
}

// ErrDatabaseBusy means another program holds the database file.
var ErrDatabaseBusy = errors.New("数据库文件正被另一个程序使用")

// New opens (or creates) the database and prepares the pages. Close releases both.
func New(ctx context.Context, opts Options) (*Server, error) {
	if opts.MaxFiles <= 0 {
		opts.MaxFiles = 2000
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = ingest.DefaultMaxFileSize
	}
	if opts.MaxUpload <= 0 {
		opts.MaxUpload = 2 << 30
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logf == nil {
		opts.Logf = log.Printf
	}
	db, err := openDB(ctx, opts.DB, opts.Limits)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, db: db, batches: map[string]*batch{}}
	s.token = randomID(16)
	s.baseCtx, s.cancel = context.WithCancel(context.Background())
	if s.pages, err = parsePages(); err != nil {
		db.Close()
		return nil, err
	}
	s.viewConfig(ctx)
	s.workDir = opts.WorkDir
	if s.workDir == "" {
		if s.workDir, err = os.MkdirTemp("", "electsum-serve-"); err != nil {
			db.Close()
			return nil, fmt.Errorf("创建临时文件夹: %w", err)
		}
		s.ownWork = true
	}
	return s, nil
}

// viewConfig gives the analysts' views (v_members' age bands and education groups, read by the 统计
// page's SQL box and every later query) the bands and groups of report.toml, so that they group as the
// drafts do. Without a report.toml the database keeps its own (the defaults, or an analyst's rows); a
// report.toml that cannot be used is reported where the pages use it, so serve still starts.
func (s *Server) viewConfig(ctx context.Context) {
	if _, err := os.Stat(s.opts.Config); s.opts.Config == "" || err != nil {
		return
	}
	_, opts, err := s.reportConfig()
	if err == nil {
		err = analytics.Install(ctx, s.db, opts)
	}
	if err != nil {
		s.opts.Logf("分析视图沿用数据库中的年龄段和学历分组: %v", err)
	}
}

// openDB opens the one read-write instance of the database for the whole process, with access to other
// files and extension loading switched off (the loader appends rows from Go, and the SQL box must not
// read or write files; query.Run refuses statements that are not reads) and DuckDB's memory and
// temporary disk bounded by l (ingest.OpenClosedOff).
func openDB(ctx context.Context, path string, l ingest.Limits) (*sql.DB, error) {
	db, err := ingest.OpenClosedOff(ctx, path, l)
	if err != nil {
		if strings.Contains(err.Error(), "lock") {
			return nil, fmt.Errorf("%w: %s (%v)", ErrDatabaseBusy, path, err)
		}
		return nil, err
	}
	// The views are (re)installed so that a database written by an older electsum reads as this one.
	if err := analytics.Install(ctx, db, analytics.Options{}); err != nil {
		db.Close()
		return nil, fmt.Errorf("安装分析视图: %w", err)
	}
	return db, nil
}

// Close stops a running load (it rolls back), then closes the database and removes the uploads.
func (s *Server) Close() error {
	s.cancel()
	s.loads.Wait()
	err := s.db.Close()
	if s.ownWork {
		os.RemoveAll(s.workDir)
	}
	return err
}

// Token is the CSRF token the pages carry (for tests).
func (s *Server) Token() string { return s.token }

func randomID(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// Handler is the whole site: pages, static assets and downloads, behind the host check, the
// cross-origin protection and the CSRF check.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err)
	}
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/import", http.StatusSeeOther)
	})
	s.importRoutes(mux)
	mux.HandleFunc("GET /overview", s.overview)
	mux.HandleFunc("GET /stats", s.stats)
	mux.HandleFunc("GET /stats/table.xlsx", s.statsTable)
	s.reportRoutes(mux)
	mux.HandleFunc("GET /query", s.query)
	mux.HandleFunc("POST /query", s.query)
	cop := http.NewCrossOriginProtection()
	return s.hostCheck(securityHeaders(cop.Handler(s.csrf(mux))))
}

// securityHeaders keep the page's own scripts the only ones that run and forbid framing by others.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; form-action 'self'; base-uri 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// hostCheck answers only requests addressed to this machine by name or loopback address, so that a web
// site that points its own host name at 127.0.0.1 (DNS rebinding) cannot read the pages.
func (s *Server) hostCheck(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.Trim(host, "[]")
		ip := net.ParseIP(host)
		if host != "localhost" && (ip == nil || !ip.IsLoopback()) && !s.opts.PublicAddr {
			http.Error(w, "只接受发往本机 (127.0.0.1 或 localhost) 的请求", http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// csrf refuses every POST whose X-CSRF-Token header or csrf form field is not the page's token.
func (s *Server) csrf(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			got := r.Header.Get("X-CSRF-Token")
			if got == "" && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
				got = r.PostFormValue("csrf")
			}
			if subtle.ConstantTimeCompare([]byte(got), []byte(s.token)) != 1 {
				http.Error(w, "请求缺少有效的安全令牌(CSRF)，已拒绝。请刷新页面后重试。", http.StatusForbidden)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}
