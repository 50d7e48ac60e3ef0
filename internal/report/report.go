// Package report writes a scan result in each output format, one file per format behind one
// interface; the engine never formats text.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/jiandu/jiandu/internal/catalogue"
	"github.com/jiandu/jiandu/internal/findings"
)

// Context is what a format may need besides the result.
type Context struct {
	Catalogue *catalogue.Catalogue
	Color     bool   // ANSI colour (a terminal, NO_COLOR unset)
	Lang      string // "zh" (default) or "en"
	// ProfileName and ProfileNameEn name the profile in titles (the id when empty).
	ProfileName, ProfileNameEn string
}

// profileTitle is the profile's name in the report's language, else its id.
func (c Context) profileTitle(id string) string {
	if c.Lang == "en" && c.ProfileNameEn != "" {
		return c.ProfileNameEn
	}
	if c.ProfileName != "" {
		return c.ProfileName
	}
	return id
}

// Writer writes a result in one format.
type Writer interface {
	Write(w io.Writer, r *findings.Result, c Context) error
}

var formats = map[string]Writer{
	"table":    Table{},
	"json":     JSON{},
	"ndjson":   NDJSON{},
	"sarif":    SARIF{},
	"junit":    JUnit{},
	"markdown": Markdown{},
	"html":     HTML{},
	"xlsx":     XLSX{},
}

// Get returns the writer of a format name.
func Get(name string) (Writer, error) {
	if w, ok := formats[name]; ok {
		return w, nil
	}
	return nil, fmt.Errorf("unknown format %q: choose one of %s", name, strings.Join(Names(), ", "))
}

// Names lists the formats.
func Names() []string {
	var out []string
	for n := range formats {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
