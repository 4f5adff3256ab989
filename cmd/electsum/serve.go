package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"electsum/cmd/electsum/web"
	"electsum/ingest"
)

// defaultAddr is where the page listens unless --addr says otherwise: this machine only.
const defaultAddr = "127.0.0.1:8765"

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", "[--db electsum.duckdb] [--config report.toml] [--addr 127.0.0.1:8765] [--no-browser]")
	dbPath := fs.String("db", ingest.DefaultDB, "数据库文件(没有时新建)")
	config := fs.String("config", "report.toml", "报告设置文件；“总结与附件”页面的表单保存到这里")
	addr := fs.String("addr", defaultAddr, "监听地址；默认只有本机可以访问")
	noBrowser := fs.Bool("no-browser", false, "不自动打开浏览器")
	maxFiles := fs.Int("max-files", 2000, "一次上传最多的文件数")
	maxMB := fs.Int64("max-file-mb", ingest.DefaultMaxFileSize>>20, "每个上传文件的大小上限(MB)")
	memory := fs.String("memory-limit", defaultQueryMemory, "DuckDB 可用的内存上限 (如 1GB、512MB)；导入时另限 512MB")
	temp := fs.String("temp-limit", defaultQueryTemp, "临时文件夹(数据库旁的 .tmp)的上限 (如 20GB)")
	if err := parseOnlyFlags(fs, args, "数据库用 --db 指定"); err != nil {
		return err
	}
	if err := checkLimits(*memory, *temp); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil && *addr == defaultAddr {
		// Another program (or another electsum) has the usual port: take any free one.
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		return &hintedError{err: fmt.Errorf("无法在 %s 上启动网页: %w", *addr, err), hint: "换一个端口，如 --addr 127.0.0.1:8800"}
	}
	defer ln.Close()
	host, _, _ := net.SplitHostPort(ln.Addr().String())
	public := !net.ParseIP(host).IsLoopback()

	srv, err := web.New(ctx, web.Options{
		DB:          *dbPath,
		Config:      *config,
		MaxFiles:    *maxFiles,
		MaxFileSize: *maxMB << 20,
		Limits:      ingest.Limits{Memory: *memory, TempDisk: *temp},
		PublicAddr:  public,
	})
	if err != nil {
		if errors.Is(err, web.ErrDatabaseBusy) {
			return &hintedError{err: err, hint: "关闭正在使用 " + *dbPath + " 的程序(另一个 electsum、DuckDB 或 Python)后重试"}
		}
		return err
	}
	defer srv.Close()

	url := "http://" + ln.Addr().String() + "/"
	if public {
		fmt.Fprintln(e.stderr, "注意: 网页在本机以外也可以访问，请只在可信的网络中这样使用")
	}
	abs, _ := filepath.Abs(*dbPath)
	fmt.Fprintf(e.stdout, "electsum %s 网页已启动: %s\n数据库: %s\n关闭这个窗口(或按 Ctrl+C)即可退出。\n", version, url, abs)
	if !*noBrowser {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(e.stderr, "无法自动打开浏览器(%v)，请手动打开 %s\n", err, url)
		}
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	hs.Shutdown(shutdown)
	fmt.Fprintln(e.stdout, "electsum 网页已关闭")
	return nil
}

// openBrowser opens url in the user's default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	return cmd.Start()
}
