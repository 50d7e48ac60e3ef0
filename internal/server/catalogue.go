package server

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/jiandu/jiandu/internal/catalogue"
	"github.com/jiandu/jiandu/internal/profile"
	"github.com/jiandu/jiandu/internal/records"
	"github.com/jiandu/jiandu/internal/report"
	"github.com/jiandu/jiandu/internal/version"
)

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// Info is what the page (or a platform) needs to know before it uploads: no secrets, so no token.
type Info struct {
	Version        string   `json:"version"`
	DefaultProfile string   `json:"default_profile"` // "" = the export header's jurisdiction
	Formats        []string `json:"formats"`         // values of POST /v1/scan's format
	Extensions     []string `json:"extensions"`      // file types the scan reads
	MaxBody        int64    `json:"max_body"`        // bytes
	MaxScans       int      `json:"max_scans"`
	AuthRequired   bool     `json:"auth_required"`
}

func (s *Server) info(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, Info{
		Version:        version.Version,
		DefaultProfile: s.cfg.Profile,
		Formats:        report.Names(),
		Extensions:     extensions(),
		MaxBody:        s.cfg.MaxBody,
		MaxScans:       s.cfg.MaxScans,
		AuthRequired:   s.cfg.Token != "",
	})
}

// extensions are the file types the loader reads in this build.
func extensions() []string {
	var out []string
	for ext := range records.Extensions {
		out = append(out, ext)
	}
	sort.Strings(out)
	return out
}

// ruleRow is a row of `jiandu rules --format json`.
type ruleRow struct {
	*catalogue.Rule
	Profile string         `json:"profile,omitempty"`
	Params  map[string]any `json:"parameters,omitempty"`
}

// rules answers GET /v1/rules[?profile=P]: what `jiandu rules [--profile P] --format json` prints.
func (s *Server) rules(w http.ResponseWriter, r *http.Request) {
	set := s.cfg.Setup
	id := r.URL.Query().Get("profile")
	rows := []ruleRow{}
	if id == "" {
		for _, rule := range set.Catalogue.Rules() {
			rows = append(rows, ruleRow{Rule: rule})
		}
		writeJSON(w, http.StatusOK, rows)
		return
	}
	prof, err := set.Profiles.Resolve(id)
	if err != nil {
		writeError(w, http.StatusBadRequest, s.unknownProfile(id, err))
		return
	}
	for _, rid := range prof.On() {
		rule, ok := set.Catalogue.Get(rid)
		if !ok {
			writeError(w, http.StatusInternalServerError, fmt.Sprintf("profile %s turns on %s, which no policy defines: the server's policies are broken", id, rid))
			return
		}
		ps := map[string]any{}
		for name, vals := range prof.Params[rid] {
			ps[name] = vals
		}
		rows = append(rows, ruleRow{Rule: rule, Profile: prof.Rules[rid].Profile, Params: ps})
	}
	writeJSON(w, http.StatusOK, rows)
}

// profileRow is a row of `jiandu profiles --format json`.
type profileRow struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	NameEn   string   `json:"name_en"`
	Year     *int     `json:"year"`
	Extends  string   `json:"extends,omitempty"`
	Document *string  `json:"document"`
	Rules    []string `json:"rules"`
}

func (s *Server) profiles(w http.ResponseWriter, _ *http.Request) {
	set := s.cfg.Setup.Profiles
	rows := []profileRow{}
	for _, id := range set.IDs() {
		src, _ := set.Get(id)
		res, err := set.Resolve(id)
		if err != nil {
			writeError(w, http.StatusInternalServerError, fmt.Sprintf("profile %s does not resolve (%v): the server's policies are broken", id, err))
			return
		}
		rows = append(rows, profileRow{ID: id, Name: src.Name, NameEn: src.NameEn, Year: src.Year, Extends: src.Extends,
			Document: src.Document, Rules: res.On()})
	}
	writeJSON(w, http.StatusOK, rows)
}

// unknownProfile says what to do about a profile that does not resolve.
func (s *Server) unknownProfile(id string, err error) string {
	var ue *profile.UnknownError
	if errors.As(err, &ue) {
		return fmt.Sprintf("unknown profile %q: choose one of %s (GET /v1/profiles describes them)", id, strings.Join(ue.Known, ", "))
	}
	return fmt.Sprintf("profile %q: %v", id, err)
}
