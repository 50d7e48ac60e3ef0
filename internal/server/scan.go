package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/records"
	"github.com/jiandu/jiandu/internal/report"
	"github.com/jiandu/jiandu/internal/scan"
)

// maxFiles bounds the files of one multipart upload; maxField the bytes of one form field.
const (
	maxFiles = 1000
	maxField = 4096
)

// scanParams are POST /v1/scan's parameters, from the query string and (multipart) form fields.
type scanParams struct {
	profile, asOf, format, lang, filename string
	units                                 []string
	noRecord                              bool // record=false: keep this scan out of --history
}

// paramNames are the parameters POST /v1/scan takes; any other is refused, so a typo is not ignored.
var paramNames = []string{"profile", "as_of", "format", "unit", "lang", "filename", "record"}

func (p *scanParams) set(name, value string) error {
	value = strings.TrimSpace(value)
	switch name {
	case "profile":
		p.profile = value
	case "as_of":
		p.asOf = value
	case "format":
		p.format = value
	case "lang":
		p.lang = value
	case "filename":
		p.filename = value
	case "record":
		b, err := strconv.ParseBool(value)
		if err != nil {
			return fmt.Errorf("record %q: give true or false", value)
		}
		p.noRecord = !b
	case "unit":
		for _, u := range strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == '，' || r == ' ' }) {
			p.units = append(p.units, u)
		}
	default:
		return fmt.Errorf("unknown parameter %q: POST /v1/scan takes %s", name, strings.Join(paramNames, ", "))
	}
	return nil
}

// check validates the parameters before any file is read.
func (s *Server) check(p *scanParams) error {
	if p.format == "" {
		p.format = "json"
	}
	if _, err := report.Get(p.format); err != nil {
		return fmt.Errorf("format %q: choose one of %s", p.format, strings.Join(report.Names(), ", "))
	}
	switch p.lang {
	case "":
		p.lang = "zh"
	case "zh", "en":
	default:
		return fmt.Errorf("lang %q: choose zh or en", p.lang)
	}
	if p.profile != "" {
		if _, ok := s.cfg.Setup.Profiles.Get(p.profile); !ok {
			_, err := s.cfg.Setup.Profiles.Resolve(p.profile)
			return errors.New(s.unknownProfile(p.profile, err))
		}
	}
	if p.asOf != "" {
		if _, err := scan.ParseAsOf(p.asOf); err != nil {
			return errors.New(apiWording(err.Error()))
		}
	}
	return nil
}

// apiWording turns the command line's flag names in a message into the API's parameter names.
func apiWording(msg string) string {
	return strings.NewReplacer("--profile", "the profile parameter", "--as-of", "the as_of parameter",
		"`jiandu profiles` lists them", "GET /v1/profiles lists them").Replace(msg)
}

// upload is one received file: its cleaned base name and where its bytes wait (dir/name).
type upload struct {
	name string
	file string
	size int64
}

// requestError is a refused request: its status and the message that says what to do.
type requestError struct {
	code int
	msg  string
}

func (e *requestError) Error() string { return e.msg }

func badRequest(format string, a ...any) error {
	return &requestError{http.StatusBadRequest, fmt.Sprintf(format, a...)}
}

func (s *Server) tooLarge() error {
	return &requestError{http.StatusRequestEntityTooLarge, fmt.Sprintf(
		"the upload is larger than this server accepts (%s): split the export into several scans (for instance one per unit), or ask the operator to raise --max-body",
		humanBytes(s.cfg.MaxBody))}
}

// scan answers POST /v1/scan: receive the files into a private folder, scan them as one export, answer
// the findings in the requested format, and remove the folder whatever happened.
func (s *Server) scan(w http.ResponseWriter, r *http.Request) {
	outcome := outcomeInvalid
	defer func() { s.metrics.outcome(outcome) }()
	fail := func(err error) {
		var re *requestError
		if errors.As(err, &re) {
			writeError(w, re.code, re.msg)
			return
		}
		outcome = outcomeFailed
		writeError(w, http.StatusInternalServerError, err.Error())
	}

	var p scanParams
	for name, vals := range r.URL.Query() {
		for _, v := range vals {
			if err := p.set(name, v); err != nil {
				fail(badRequest("%v", err))
				return
			}
		}
	}
	if err := s.check(&p); err != nil {
		fail(badRequest("%v", err))
		return
	}
	if r.ContentLength > s.cfg.MaxBody {
		fail(s.tooLarge())
		return
	}
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	default:
		outcome = outcomeRejected
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusTooManyRequests, fmt.Sprintf(
			"the server is already running %d scans, its limit: try again in a few seconds", s.cfg.MaxScans))
		return
	}
	s.metrics.begin()
	defer s.metrics.end()

	dir, err := os.MkdirTemp("", "jiandu-serve-") // 0700: only this process reads the uploads
	if err != nil {
		fail(fmt.Errorf("cannot make a temporary folder for the upload (%v): the operator should check the disk", err))
		return
	}
	defer os.RemoveAll(dir)
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	ups, err := s.receive(r, dir, &p)
	if err != nil {
		fail(err)
		return
	}
	if err := s.check(&p); err != nil { // form fields may have set parameters
		fail(badRequest("%v", err))
		return
	}

	paths := make([]string, 0, len(ups))
	for _, u := range ups {
		paths = append(paths, u.file)
	}
	profile := p.profile
	if profile == "" {
		profile = s.cfg.Profile
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.WriteTimeout)
	defer cancel()
	start := time.Now()
	res, err := s.cfg.Setup.Run(ctx, scan.Options{Profile: profile, AsOf: p.asOf, Units: p.units, Paths: paths})
	elapsed := time.Since(start)
	if res != nil {
		relabel(res, dir)
		findings.Sort(res.Findings) // by the names the clerk gave, as the command line sorts them
	}
	if err != nil {
		msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "") // no server path in a message
		var ue *scan.UsageError
		switch {
		case errors.As(err, &ue):
			fail(badRequest("%s", apiWording(msg)))
		case r.Context().Err() != nil:
			outcome = outcomeCanceled
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			outcome = outcomeFailed
			writeError(w, http.StatusServiceUnavailable, fmt.Sprintf(
				"the scan took longer than %s: split the export into several scans, or ask the operator to raise --write-timeout", s.cfg.WriteTimeout))
		default:
			fail(fmt.Errorf("the scan failed: %s", msg))
		}
		return
	}
	s.metrics.scanned(elapsed, res.Summary.Records, res.Findings)
	s.log.Info("scan", "profile", res.Profile, "files", len(ups), "records", res.Summary.Records,
		"findings", len(res.Findings), "file_errors", len(res.Errors), "ms", elapsed.Milliseconds())

	if s.cfg.History != nil && !p.noRecord {
		s.record(res, p.units)
	}

	h := w.Header()
	h.Set("X-Jiandu-Records", strconv.Itoa(res.Summary.Records))
	h.Set("X-Jiandu-Findings", strconv.Itoa(len(res.Findings)))
	h.Set("X-Jiandu-Worst", res.Worst())
	if len(res.Errors) > 0 {
		// the scan's exit status 2: the findings of the files that did load, and what to fix in the others
		outcome = outcomeFileError
		writeJSON(w, http.StatusUnprocessableEntity, fileErrorBody{
			Error:  fileErrorMessage(res.Errors),
			Errors: res.Errors,
			Result: res,
		})
		return
	}
	var buf bytes.Buffer
	wr, _ := report.Get(p.format)
	if err := wr.Write(&buf, res, report.Context{Catalogue: s.cfg.Setup.Catalogue, Lang: p.lang}); err != nil {
		fail(fmt.Errorf("writing the %s report failed: %v", p.format, err))
		return
	}
	outcome = outcomeOK
	ct, ext, attach := contentType(p.format)
	h.Set("Content-Type", ct)
	h.Set("Cache-Control", "no-store")
	if attach {
		name := "jiandu-" + res.Profile + "-" + strings.SplitN(res.AsOf, "T", 2)[0] + ext
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	}
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// record keeps a scan in the history file; a failure there is logged and counted, and the clerk still
// gets the answer.
func (s *Server) record(res *findings.Result, units []string) {
	label := "serve"
	if len(units) > 0 {
		label += " unit=" + strings.Join(units, ",")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := s.cfg.History.Record(ctx, res, label, time.Now()); err != nil {
		s.metrics.historyError()
		s.log.Error("history", "error", err)
	}
}

// relabel removes the private folder from every place a file name shows in a result, so that a finding
// names "qidong-2023.json" as `jiandu scan qidong-2023.json` does, and no server path leaks out.
func relabel(res *findings.Result, dir string) {
	r := strings.NewReplacer(dir+string(filepath.Separator), "", dir, "")
	fix := func(fs []findings.Finding) {
		for i := range fs {
			f := &fs[i]
			f.ID, f.Record, f.Key = r.Replace(f.ID), r.Replace(f.Record), r.Replace(f.Key)
			f.Message, f.MessageEn = r.Replace(f.Message), r.Replace(f.MessageEn)
			if f.Location != nil {
				f.Location.File = r.Replace(f.Location.File)
			}
			for k, v := range f.Detail {
				f.Detail[k] = relabelValue(r, v)
			}
		}
	}
	fix(res.Findings)
	fix(res.Resolved)
	for i := range res.Errors {
		res.Errors[i].File = r.Replace(res.Errors[i].File)
		res.Errors[i].Message = r.Replace(res.Errors[i].Message)
	}
}

func relabelValue(r *strings.Replacer, v any) any {
	switch x := v.(type) {
	case string:
		return r.Replace(x)
	case map[string]any:
		for k, e := range x {
			x[k] = relabelValue(r, e)
		}
	case []any:
		for i, e := range x {
			x[i] = relabelValue(r, e)
		}
	}
	return v
}

// fileErrorBody is the 422 answer: a file yielded no records (the scan's exit status 2).
type fileErrorBody struct {
	Error  string              `json:"error"`
	Errors []records.FileError `json:"errors"`
	Result *findings.Result    `json:"result"`
}

func fileErrorMessage(errs []records.FileError) string {
	var parts []string
	for _, e := range errs {
		parts = append(parts, e.File+": "+e.Message)
	}
	return fmt.Sprintf("%d file(s) yielded no records, so the check is incomplete; fix them and scan again (result holds the findings of the other files): %s",
		len(errs), strings.Join(parts, "; "))
}

// contentType is a format's media type, file extension and whether it is a download.
func contentType(format string) (string, string, bool) {
	switch format {
	case "json":
		return "application/json; charset=utf-8", ".json", false
	case "ndjson":
		return "application/x-ndjson; charset=utf-8", ".ndjson", false
	case "sarif":
		return "application/sarif+json; charset=utf-8", ".sarif", true
	case "junit":
		return "application/xml; charset=utf-8", ".xml", true
	case "markdown":
		return "text/markdown; charset=utf-8", ".md", false
	case "html":
		return "text/html; charset=utf-8", ".html", true
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", true
	case "table":
		return "text/plain; charset=utf-8", ".txt", false
	}
	return "application/octet-stream", "." + format, true
}

// receive stores the request's files in dir (private, made for this request), each under the last
// element of the name the client gave, cleaned; no other part of a client's name is ever used.
func (s *Server) receive(r *http.Request, dir string, p *scanParams) ([]upload, error) {
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		if params["boundary"] == "" {
			return nil, badRequest("a multipart/form-data body needs a boundary in its Content-Type")
		}
		return s.receiveMultipart(r, dir, p)
	}
	name := p.filename
	if name == "" {
		if _, cd, err := mime.ParseMediaType(r.Header.Get("Content-Disposition")); err == nil {
			name = cd["filename"]
		}
	}
	br := bufio.NewReader(r.Body)
	head, _ := br.Peek(4)
	if name == "" {
		switch mt {
		case "application/json":
			name = "export.json"
		case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines":
			name = "export.ndjson"
		case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
			name = "export.xlsx"
		case "text/csv":
			return nil, badRequest("a CSV file holds one kind of record, named by its file name: say which with ?filename=cases.csv (or units.csv, officers.csv, …)")
		default:
			if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
				name = "export.xlsx"
			} else {
				name = "export" // the loader tells JSON from NDJSON by the content
			}
		}
	}
	u, err := s.store(br, dir, cleanName(name, 0))
	if err != nil {
		return nil, err
	}
	if u.size == 0 {
		return nil, badRequest("the request body is empty: send the export file as the body, or as multipart/form-data files")
	}
	return []upload{u}, nil
}

func (s *Server) receiveMultipart(r *http.Request, dir string, p *scanParams) ([]upload, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, badRequest("the multipart body cannot be read (%v): send files as multipart/form-data", err)
	}
	var ups []upload
	seen := map[string]bool{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, s.readError(err)
		}
		if part.FileName() == "" && part.FormName() != "" {
			b, err := io.ReadAll(io.LimitReader(part, maxField+1))
			part.Close()
			if err != nil {
				return nil, s.readError(err)
			}
			if len(b) > maxField {
				return nil, badRequest("form field %q is longer than %d bytes: files go in parts with a filename", part.FormName(), maxField)
			}
			if err := p.set(part.FormName(), string(b)); err != nil {
				return nil, badRequest("%v", err)
			}
			continue
		}
		if len(ups) == maxFiles {
			part.Close()
			return nil, badRequest("more than %d files in one upload: scan a folder of that size with the command line", maxFiles)
		}
		name := cleanName(part.FileName(), len(ups))
		if seen[name] {
			part.Close()
			return nil, badRequest("two files are named %q: one export cannot hold two files of one name; rename one", name)
		}
		seen[name] = true
		u, err := s.store(part, dir, name)
		part.Close()
		if err != nil {
			return nil, err
		}
		ups = append(ups, u)
	}
	if len(ups) == 0 {
		return nil, badRequest("the upload holds no file: add the export files as multipart parts with a filename (curl -F file=@export.json)")
	}
	return ups, nil
}

// store copies one file into dir under its cleaned base name (the name, not a path: cleanName keeps no
// separator), so that the loader sees the file name the clerk gave it — a CSV's name says its kind.
func (s *Server) store(src io.Reader, dir string, name string) (upload, error) {
	file := filepath.Join(dir, name)
	f, err := os.OpenFile(file, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return upload{}, fmt.Errorf("cannot store the upload (%v): the operator should check the disk", err)
	}
	n, err := io.Copy(f, src)
	if cerr := f.Close(); err == nil && cerr != nil {
		return upload{}, fmt.Errorf("cannot store the upload (%v): the operator should check the disk", cerr)
	}
	s.metrics.uploaded(n)
	if err != nil {
		return upload{}, s.readError(err)
	}
	return upload{name: name, file: file, size: n}, nil
}

// readError says why the request body could not be read.
func (s *Server) readError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return s.tooLarge()
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("cannot store the upload (%v): the operator should check the disk", pe.Err)
	}
	return badRequest("the upload was cut off (%v): send it again", err)
}

// cleanName keeps the last element of a client's file name, without control characters: a file name
// (never a path) under the request's private folder, and the label of locations and errors.
func cleanName(name string, i int) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "" || name == "." || name == ".." || name == "/" {
		return fmt.Sprintf("upload-%d", i+1)
	}
	if len(name) > 200 {
		ext := path.Ext(name)
		if len(ext) > 16 {
			ext = ""
		}
		cut := 200 - len(ext)
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = name[:cut] + ext
	}
	return name
}

// humanBytes prints a size the way --max-body takes it.
func humanBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ParseSize reads --max-body: a number of bytes with an optional unit KB, MB or GB (powers of 1024;
// KiB, MiB, GiB are the same).
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.m
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<50)/mult {
		return 0, fmt.Errorf("size %q: give a positive number of bytes with an optional unit, like 100MB or 1GB", s)
	}
	return n * mult, nil
}
