package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/jiandu/jiandu/internal/history"
	"github.com/jiandu/jiandu/internal/server"
)

func serveCmd() *cobra.Command {
	var (
		addr, profile, tokenFile, maxBody string
		historyFile                       string
		maxScans                          int
		readTimeout, writeTimeout         time.Duration
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "启动报送前自查服务（网页和 API）/ serve the pre-submission check page and API",
		Long: `启动报送前自查服务：浏览器打开 http://127.0.0.1:8080/ 即可拖入导出文件检查；
平台通过 POST /v1/scan 等 API 调用（见 docs/api.md）。上传的文件只在本次检查中使用，检查结束即删除。

  jiandu serve
  jiandu serve --addr 0.0.0.0:8080 --profile qidong-2023 --token-file /etc/jiandu/token

Serves the page a department clerk uses to check an export before filing it, and the API
platforms call (POST /v1/scan, GET /v1/rules, /v1/profiles, /healthz, /metrics; docs/api.md).
Uploads live in a private temporary folder for one request and are removed after it; nothing
of them is kept unless --history is set (then each scan's summary and findings are).
SIGINT or SIGTERM stops accepting requests and lets running scans finish (up to 30 s).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			stderr := cmd.ErrOrStderr()
			limit, err := server.ParseSize(maxBody)
			if err != nil {
				return fail(fmt.Errorf("--max-body: %w", err))
			}
			if maxScans < 1 {
				return fail(fmt.Errorf("--max-scans %d: give at least 1", maxScans))
			}
			token, err := readToken(tokenFile, stderr)
			if err != nil {
				return fail(err)
			}
			s, err := loadSetup(cmd)
			if err != nil {
				return err
			}
			cfg := server.Config{
				Setup: s, Profile: profile, Token: token, MaxBody: limit, MaxScans: maxScans,
				ReadTimeout: readTimeout, WriteTimeout: writeTimeout,
				Logger: slog.New(slog.NewTextHandler(stderr, nil)),
			}
			if historyFile != "" {
				h, err := history.Open(historyFile)
				if err != nil {
					return fail(fmt.Errorf("--history: %w", err))
				}
				defer h.Close()
				cfg.History = h
			}
			srv, err := server.New(cfg)
			if err != nil {
				return fail(err)
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fail(fmt.Errorf("--addr %s: %w", addr, err))
			}
			if token == "" && !loopback(ln.Addr()) {
				fmt.Fprintf(stderr, "jiandu serve: warning: listening on %s without --token-file: anyone who reaches it can scan\n", ln.Addr())
			}
			fmt.Fprintf(stderr, "jiandu serve: listening on http://%s/ (Ctrl-C stops)\n", ln.Addr())

			hs := srv.HTTPServer(addr)
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			errc := make(chan error, 1)
			go func() { errc <- hs.Serve(ln) }()
			select {
			case err := <-errc:
				return fail(err)
			case <-ctx.Done():
			}
			stop() // a second signal ends the process at once
			fmt.Fprintln(stderr, "jiandu serve: shutting down; waiting for running scans")
			sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if err := hs.Shutdown(sctx); err != nil {
				return fail(fmt.Errorf("shutting down: %w (scans still running were cut off)", err))
			}
			if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
				return fail(err)
			}
			fmt.Fprintln(stderr, "jiandu serve: stopped")
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8080", "监听地址 / address to listen on (host:port; port 0 picks a free one)")
	f.StringVar(&profile, "profile", "", "未指定画像时使用的画像（默认取导出头部）/ profile of a scan that names none")
	f.StringVar(&tokenFile, "token-file", "", "访问令牌文件：API 需带 Authorization: Bearer <令牌> / file holding the bearer token the API requires")
	f.StringVar(&historyFile, "history", "", "把每次检查的结果记入 SQLite 历史文件（jiandu history 查看）；不设则不保留任何上传数据 / record every scan in a history file")
	f.StringVar(&maxBody, "max-body", "100MB", "单次上传的最大字节数（KB、MB、GB）/ largest request body (413 past it)")
	f.IntVar(&maxScans, "max-scans", server.DefaultMaxScans(), "同时进行的检查数上限，超过返回 429 / scans at once (429 past it)")
	f.DurationVar(&readTimeout, "read-timeout", server.DefaultReadTimeout, "读取一次上传的时限 / time to read a whole request")
	f.DurationVar(&writeTimeout, "write-timeout", server.DefaultWriteTimeout, "一次检查及其应答的时限 / time to scan and answer")
	return cmd
}

// readToken reads --token-file: the whole file, surrounding white space removed.
func readToken(path string, stderr interface{ Write([]byte) (int, error) }) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("--token-file: %w", err)
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" {
		return "", fmt.Errorf("--token-file %s is empty: put the token in it (for instance `openssl rand -hex 32 > %s`)", path, path)
	}
	if strings.ContainsAny(tok, " \t\r\n") {
		return "", fmt.Errorf("--token-file %s: the token must be one word without spaces or line breaks", path)
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		fmt.Fprintf(stderr, "jiandu serve: warning: %s can be read by other users (mode %v): chmod 600 it\n", path, fi.Mode().Perm())
	}
	return tok, nil
}

func loopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}
