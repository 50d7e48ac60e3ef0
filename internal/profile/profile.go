// Package profile loads the jurisdiction-year profiles (policies/profiles/<id>/data.json), resolves
// their extends chains and hands the rules one resolved profile: which rules are on, every parameter
// as dated values with its source, and the obligations.
package profile

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Dir is where profiles live inside a policy tree.
const Dir = "profiles"

// Source is one profile file as written.
type Source struct {
	ID          string                      `json:"id"`
	Name        string                      `json:"name"`
	NameEn      string                      `json:"name_en"`
	Year        *int                        `json:"year"`
	Extends     string                      `json:"extends"`
	Document    *string                     `json:"document"`
	Issued      *string                     `json:"issued"`
	BindsFrom   *string                     `json:"binds_from"`
	Rules       map[string]Switch           `json:"rules"`
	Params      map[string]map[string]Param `json:"params"`
	Obligations []map[string]any            `json:"obligations"`
	File        string                      `json:"-"`
}

// Switch turns a rule on or off in a profile.
type Switch struct {
	On     bool   `json:"on"`
	Source string `json:"source"`
}

// Param is one parameter: a plain value in force always, or values keyed by the date they took effect.
type Param struct {
	Value  any     `json:"value"`
	Source string  `json:"source"`
	Values []Dated `json:"values"`
}

// Dated is a parameter value in force from From ("" = always) until the day before To (the next
// value's From; "9999-12-31" for the last), with its source. The resolved profile carries To so that a
// rule finds the value in force on a date with two comparisons.
type Dated struct {
	From   string `json:"from"`
	To     string `json:"to,omitempty"`
	Value  any    `json:"value"`
	Source string `json:"source"`
}

// Forever is the To of the last value of a parameter.
const Forever = "9999-12-31"

func (p Param) dated() []Dated {
	out := []Dated{{From: "", Value: p.Value, Source: p.Source}}
	if len(p.Values) > 0 {
		out = append([]Dated(nil), p.Values...)
		sort.SliceStable(out, func(i, j int) bool { return out[i].From < out[j].From })
	}
	for i := range out {
		out[i].To = Forever
		if i+1 < len(out) {
			out[i].To = out[i+1].From
		}
	}
	return out
}

// Set is every profile of a policy tree.
type Set struct {
	byID map[string]*Source
}

// Load reads profiles/<id>/data.json from a policy tree.
func Load(policies fs.FS) (*Set, error) {
	s := &Set{byID: map[string]*Source{}}
	entries, err := fs.ReadDir(policies, Dir)
	if err != nil {
		return nil, fmt.Errorf("reading profiles: %w", err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		file := path.Join(Dir, e.Name(), "data.json")
		raw, err := fs.ReadFile(policies, file)
		if err != nil {
			continue
		}
		var src Source
		if err := json.Unmarshal(raw, &src); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if src.ID != e.Name() {
			return nil, fmt.Errorf("%s: id %q must match its folder %q", file, src.ID, e.Name())
		}
		src.File = file
		s.byID[src.ID] = &src
	}
	return s, nil
}

// IDs lists the profile ids, sorted with national first.
func (s *Set) IDs() []string {
	var ids []string
	for id := range s.byID {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if (ids[i] == "national") != (ids[j] == "national") {
			return ids[i] == "national"
		}
		return ids[i] < ids[j]
	})
	return ids
}

// Get returns a profile as written.
func (s *Set) Get(id string) (*Source, bool) {
	p, ok := s.byID[id]
	return p, ok
}

// UnknownError is an unknown profile id; it names the known ones.
type UnknownError struct {
	ID    string
	Known []string
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("unknown profile %q: known profiles are %s (`jiandu profiles` lists them)", e.ID, strings.Join(e.Known, ", "))
}

// RuleSwitch is a rule as the resolved profile turns it on: by which profile, of which year.
type RuleSwitch struct {
	On      bool   `json:"on"`
	Profile string `json:"profile"`
	Year    *int   `json:"year"`
	Source  string `json:"source"`
}

// Resolved is a profile with its extends chain applied: what data.jiandu.profile holds.
type Resolved struct {
	ID          string                        `json:"id"`
	Name        string                        `json:"name"`
	NameEn      string                        `json:"name_en"`
	Year        *int                          `json:"year"`
	Chain       []string                      `json:"chain"`
	Document    *string                       `json:"document"`
	Issued      *string                       `json:"issued"`
	BindsFrom   *string                       `json:"binds_from"`
	Rules       map[string]RuleSwitch         `json:"rules"`
	Params      map[string]map[string][]Dated `json:"params"`
	Obligations []map[string]any              `json:"obligations"`
}

// Resolve applies a profile's extends chain: the root first, each profile's rules, parameters and
// obligations overriding those of the one it extends.
func (s *Set) Resolve(id string) (*Resolved, error) {
	var chain []*Source
	seen := map[string]bool{}
	for cur := id; cur != ""; {
		p, ok := s.byID[cur]
		if !ok {
			if cur == id {
				return nil, &UnknownError{ID: id, Known: s.IDs()}
			}
			return nil, fmt.Errorf("profile %q extends unknown profile %q (%s)", chain[len(chain)-1].ID, cur, chain[len(chain)-1].File)
		}
		if seen[cur] {
			return nil, fmt.Errorf("profile %q: extends forms a loop through %q", id, cur)
		}
		seen[cur] = true
		chain = append(chain, p)
		cur = p.Extends
	}
	leaf := chain[0]
	r := &Resolved{ID: leaf.ID, Name: leaf.Name, NameEn: leaf.NameEn, Year: leaf.Year, Document: leaf.Document,
		Issued: leaf.Issued, BindsFrom: leaf.BindsFrom, Rules: map[string]RuleSwitch{},
		Params: map[string]map[string][]Dated{}}
	for i := len(chain) - 1; i >= 0; i-- {
		p := chain[i]
		r.Chain = append([]string{p.ID}, r.Chain...)
		for rule, sw := range p.Rules {
			r.Rules[rule] = RuleSwitch{On: sw.On, Profile: p.ID, Year: p.Year, Source: sw.Source}
		}
		for rule, params := range p.Params {
			if r.Params[rule] == nil {
				r.Params[rule] = map[string][]Dated{}
			}
			for name, v := range params {
				r.Params[rule][name] = v.dated()
			}
		}
		byID := map[string]int{}
		for i, o := range r.Obligations {
			byID[fmt.Sprint(o["id"])] = i
		}
		for _, o := range p.Obligations {
			c := map[string]any{}
			for k, v := range o {
				c[k] = v
			}
			c["profile"] = p.ID
			c["year"] = p.Year
			c["binds_from"] = p.BindsFrom
			if i, ok := byID[fmt.Sprint(o["id"])]; ok {
				r.Obligations[i] = c
			} else {
				r.Obligations = append(r.Obligations, c)
			}
		}
	}
	if r.Obligations == nil {
		r.Obligations = []map[string]any{}
	}
	return r, nil
}

// On lists the rules the resolved profile turns on, sorted.
func (r *Resolved) On() []string {
	var ids []string
	for id, sw := range r.Rules {
		if sw.On {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

// Value is the resolved profile as plain JSON values (for the policy store).
func (r *Resolved) Value() (map[string]any, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	var v map[string]any
	return v, json.Unmarshal(b, &v)
}
