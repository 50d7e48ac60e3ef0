package server

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// The page is three files served from the binary: no CDN, no network.
//
//go:embed page
var pageFiles embed.FS

var pageTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
}

// page serves / and the page's assets; any other path is a JSON 404.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" {
		name = "index.html"
	}
	typ, known := pageTypes[path.Ext(name)]
	var body []byte
	if known && !strings.Contains(name, "/") {
		body, _ = fs.ReadFile(pageFiles, "page/"+name)
	}
	if body == nil {
		writeError(w, http.StatusNotFound, "no such page: the checker is at /, the API under /v1/ (see docs/api.md)")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, r.URL.Path+" takes GET")
		return
	}
	w.Header().Set("Content-Type", typ)
	w.Header().Set("Cache-Control", "no-cache")
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body)
}
