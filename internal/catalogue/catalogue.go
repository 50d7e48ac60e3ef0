// Package catalogue reads the rules' # METADATA (id, titles, severity, sources, parameters) from the
// compiled policies: the one source for `jiandu rules`, finding severities and report texts.
package catalogue

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Rule is one rule of the catalogue.
type Rule struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	TitleEn     string   `json:"title_en"`
	Severity    string   `json:"severity"`
	Description string   `json:"description,omitempty"`
	Sources     []string `json:"sources"`
	Params      []string `json:"params,omitempty"`
	Partition   string   `json:"partition,omitempty"`
	Area        string   `json:"area"`
	Package     string   `json:"package"`
	File        string   `json:"file"`
	Line        int      `json:"line"`
}

// Catalogue is every rule of a policy tree, by id.
type Catalogue struct {
	byID map[string]*Rule
	ids  []string
}

// IDPattern is the form of a rule id.
var IDPattern = regexp.MustCompile(`^[A-Z]+-[0-9]{2}$`)

// PackagePrefix is where rule packages live: data.jiandu.rules.<id lower-cased, - as _>.
const PackagePrefix = "data.jiandu.rules."

// PackageOf is the package a rule id must have.
func PackageOf(id string) string {
	return PackagePrefix + strings.ToLower(strings.ReplaceAll(id, "-", "_"))
}

// FromCompiler collects the package-scoped METADATA that carries custom.id.
func FromCompiler(c *ast.Compiler) (*Catalogue, error) {
	cat := &Catalogue{byID: map[string]*Rule{}}
	for _, ref := range c.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a == nil || a.Scope != "package" {
			continue
		}
		id, _ := a.Custom["id"].(string)
		if id == "" {
			continue
		}
		r := &Rule{
			ID:          id,
			Title:       a.Title,
			TitleEn:     MetaString(a.Custom["title_en"]),
			Severity:    MetaString(a.Custom["severity"]),
			Description: strings.TrimSpace(a.Description),
			Sources:     MetaStrings(a.Custom["sources"]),
			Params:      MetaStrings(a.Custom["params"]),
			Partition:   MetaString(a.Custom["partition"]),
			Package:     ref.Path.String(),
		}
		if a.Location != nil {
			r.File = a.Location.File
			r.Line = a.Location.Row
			r.Area = path.Base(path.Dir(a.Location.File))
		}
		if prev, dup := cat.byID[id]; dup {
			return nil, fmt.Errorf("rule id %s is declared twice: %s:%d and %s:%d", id, prev.File, prev.Line, r.File, r.Line)
		}
		cat.byID[id] = r
		cat.ids = append(cat.ids, id)
	}
	sort.Slice(cat.ids, func(i, j int) bool { return Less(cat.ids[i], cat.ids[j]) })
	return cat, nil
}

// Less orders rule ids by area prefix in catalogue order, then number.
func Less(a, b string) bool {
	pa, pb := prefixRank(a), prefixRank(b)
	if pa != pb {
		return pa < pb
	}
	return a < b
}

var order = []string{"QUAL", "EXAM", "CERT", "TRN", "CASE", "INSP", "RPT", "REV", "INC", "CLUE", "DATA"}

func prefixRank(id string) int {
	p, _, _ := strings.Cut(id, "-")
	for i, o := range order {
		if o == p {
			return i
		}
	}
	return len(order)
}

// Get returns a rule by id.
func (c *Catalogue) Get(id string) (*Rule, bool) {
	r, ok := c.byID[id]
	return r, ok
}

// IDs lists every rule id in catalogue order.
func (c *Catalogue) IDs() []string { return c.ids }

// Rules lists every rule in catalogue order.
func (c *Catalogue) Rules() []*Rule {
	out := make([]*Rule, 0, len(c.ids))
	for _, id := range c.ids {
		out = append(out, c.byID[id])
	}
	return out
}

// MetaString is a METADATA value as a string ("" when it is none).
func MetaString(v any) string {
	s, _ := v.(string)
	return s
}

// MetaStrings is a METADATA list as strings (nil when it is none).
func MetaStrings(v any) []string {
	xs, _ := v.([]any)
	var out []string
	for _, x := range xs {
		out = append(out, fmt.Sprint(x))
	}
	return out
}
