// Package server is `jiandu serve`: the pre-submission check a department clerk uses from a browser (the
// page at /) and the JSON API provincial platforms call (POST /v1/scan, GET /v1/rules, /v1/profiles,
// /healthz, /metrics). One policy tree is loaded at start and shared by every scan; uploads live in a
// private temporary folder for the length of one request and nothing of them is kept.
package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/scan"
)

// Defaults of Config's limits.
const (
	DefaultMaxBody      = 100 << 20 // 100 MiB
	DefaultReadTimeout  = 2 * time.Minute
	DefaultWriteTimeout = 5 * time.Minute
)

// DefaultMaxScans is the default number of scans run at once: the cores, at least 2.
func DefaultMaxScans() int { return max(2, runtime.NumCPU()) }

// Config is what `jiandu serve` is started with.
type Config struct {
	Setup   *scan.Setup // the policy tree, loaded once
	Profile string      // the profile of a scan that names none ("" = the export header's jurisdiction)
	Token   string      // bearer token the API requires ("" = no authentication)
	// MaxBody is the largest request body accepted (413 past it); MaxScans the scans run at once (429 past
	// it). Zero values take the defaults.
	MaxBody  int64
	MaxScans int
	// ReadTimeout bounds reading a whole request (the upload), WriteTimeout the scan and its answer.
	ReadTimeout, WriteTimeout time.Duration
	Logger                    *slog.Logger // nil: discard
	// History, when set (--history), keeps every scan's summary and findings; nothing of an upload is
	// kept otherwise.
	History Recorder
}

// Recorder stores a scan's result (internal/history's *DB).
type Recorder interface {
	Record(ctx context.Context, r *findings.Result, label string, now time.Time) (int64, error)
}

// Server answers the page and the API.
type Server struct {
	cfg     Config
	slots   chan struct{} // one token per running scan
	token   [32]byte      // sha256 of the token: compared in constant time whatever its length
	metrics *metrics
	log     *slog.Logger
	handler http.Handler
}

// New checks the configuration and builds the handler.
func New(cfg Config) (*Server, error) {
	if cfg.Setup == nil {
		return nil, errors.New("server: no policy setup")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxScans <= 0 {
		cfg.MaxScans = DefaultMaxScans()
	}
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = DefaultReadTimeout
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = DefaultWriteTimeout
	}
	if cfg.Profile != "" {
		if _, err := cfg.Setup.Profiles.Resolve(cfg.Profile); err != nil {
			return nil, fmt.Errorf("--profile: %w", err)
		}
	}
	s := &Server{cfg: cfg, slots: make(chan struct{}, cfg.MaxScans), metrics: newMetrics(), log: cfg.Logger}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if cfg.Token != "" {
		s.token = sha256.Sum256([]byte(cfg.Token))
	}
	s.handler = s.routes()
	return s, nil
}

// Handler is the whole service: page, API, health and metrics.
func (s *Server) Handler() http.Handler { return s.handler }

// HTTPServer is an http.Server for addr with the configured timeouts.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.ReadTimeout + s.cfg.WriteTimeout, // counted from the end of the headers
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// route is one endpoint: its methods, whether it needs the token, and the label metrics count it under.
type route struct {
	methods []string
	auth    bool
	label   string
	h       http.HandlerFunc
}

func (s *Server) routes() http.Handler {
	table := map[string]route{
		"/healthz":     {[]string{"GET", "HEAD"}, false, "healthz", s.healthz},
		"/metrics":     {[]string{"GET"}, true, "metrics", s.metrics.serve},
		"/v1/info":     {[]string{"GET"}, false, "info", s.info},
		"/v1/rules":    {[]string{"GET"}, true, "rules", s.rules},
		"/v1/profiles": {[]string{"GET"}, true, "profiles", s.profiles},
		"/v1/scan":     {[]string{"POST"}, true, "scan", s.scan},
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		label := "page"
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic", "path", r.URL.Path, "panic", p)
				if !rw.wrote {
					writeError(rw, http.StatusInternalServerError, "jiandu hit an internal error; try again, and report it if it repeats")
				}
			}
			s.metrics.request(label, rw.code)
			s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rw.code,
				"ms", time.Since(start).Milliseconds())
		}()
		securityHeaders(rw.Header())
		rt, ok := table[r.URL.Path]
		if !ok {
			label = "page"
			s.page(rw, r)
			return
		}
		label = rt.label
		if !allowed(rt.methods, r.Method) {
			rw.Header().Set("Allow", strings.Join(rt.methods, ", "))
			writeError(rw, http.StatusMethodNotAllowed, fmt.Sprintf("%s takes %s, not %s", r.URL.Path, strings.Join(rt.methods, " or "), r.Method))
			return
		}
		if rt.auth && !s.authorized(r) {
			rw.Header().Set("WWW-Authenticate", `Bearer realm="jiandu"`)
			writeError(rw, http.StatusUnauthorized, "this server requires a token: send the header `Authorization: Bearer <token>` with the token its operator gave you")
			return
		}
		rt.h(rw, r)
	})
}

func allowed(methods []string, m string) bool {
	for _, x := range methods {
		if x == m {
			return true
		}
	}
	return false
}

// authorized compares the bearer token with the configured one in constant time (both hashed first, so
// neither the content nor the length leaks through timing).
func (s *Server) authorized(r *http.Request) bool {
	if s.cfg.Token == "" {
		return true
	}
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(tok)))
	return subtle.ConstantTimeCompare(got[:], s.token[:]) == 1
}

func securityHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
		"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
}

// errorBody is every error the service answers: what went wrong and what to do about it.
type errorBody struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, errorBody{Error: msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// statusWriter remembers the status for metrics and logs.
type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
