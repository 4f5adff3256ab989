// Command electsum turns the election sheets of many villages into the figures and the draft of a
// county's year-end election summary (换届选举工作总结). See README.md.
package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first Ctrl-C asks the run to stop cleanly (roll back, remove half-written files); a second
	// one ends the process at once.
	go func() { <-ctx.Done(); stop() }()
	code := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if code != 0 && len(os.Args) == 1 && pauseOnError {
		fmt.Fprintln(os.Stderr, "按回车键关闭窗口")
		bufio.NewReader(os.Stdin).ReadString('\n')
	}
	os.Exit(code)
}
