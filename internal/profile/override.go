package profile

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

// Override is one `--set RULE.param[@DATE]=value`: a parameter (or, with the name "on", a rule switch)
// changed for one run, to see what a draft requirement would flag before it is adopted.
type Override struct {
	Rule  string // a rule id, or "calendar"
	Name  string // the parameter; "on" for the rule switch
	From  string // "" = in force always; else the value takes effect on this date
	Value any    // JSON-decoded
	Spec  string // as written
}

// ParseOverride reads `RULE.param=value` or `RULE.param@YYYY-MM-DD=value`. The value is JSON (72, 0.9,
// true, ["officer"], "x"), and a string when it is not JSON (`--set INSP-01.window=quarter`).
func ParseOverride(spec string) (Override, error) {
	o := Override{Spec: spec}
	lhs, raw, ok := strings.Cut(spec, "=")
	if !ok {
		return o, fmt.Errorf("--set %q: write RULE.param=value, e.g. --set TRN-01.annual_min_hours=72", spec)
	}
	target, from, dated := strings.Cut(lhs, "@")
	rule, name, ok := strings.Cut(strings.TrimSpace(target), ".")
	if !ok || rule == "" || name == "" {
		return o, fmt.Errorf("--set %q: name the rule and the parameter as RULE.param, e.g. TRN-01.annual_min_hours", spec)
	}
	if dated {
		if _, err := time.Parse("2006-01-02", from); err != nil {
			return o, fmt.Errorf("--set %q: the date after @ must be YYYY-MM-DD (the day the value takes effect)", spec)
		}
		o.From = from
	}
	o.Rule, o.Name = rule, name
	o.Value = parseValue(raw)
	return o, nil
}

// parseValue is JSON when the text is JSON, else the text itself.
func parseValue(raw string) any {
	var v any
	d := json.NewDecoder(strings.NewReader(raw))
	if err := d.Decode(&v); err == nil && !d.More() {
		return v
	}
	return raw
}

// Source is the clause a what-if value cites in findings, so a finding it causes never passes for one of
// an adopted text.
func (o Override) Source() string {
	b, _ := json.Marshal(o.Value)
	return fmt.Sprintf("--set(假设值，非现行依据/what-if) %s.%s=%s", o.Rule, o.Name, b)
}

// OverrideError is a --set or a draft parameter that names no rule or parameter of the profile, or whose
// value has the wrong type; Valid lists what could have been named (exit status 2).
type OverrideError struct {
	Msg   string
	Valid []string
}

func (e *OverrideError) Error() string {
	if len(e.Valid) == 0 {
		return e.Msg
	}
	return e.Msg + ": valid are " + strings.Join(e.Valid, ", ")
}

// Rules says which rule ids exist (the catalogue) and the parameters each rule's METADATA declares, so
// that an override may name a parameter of a rule the profile does not turn on yet.
type Rules func(id string) (params []string, ok bool)

// Apply makes each override in order (Set, or the rule switch for "on").
func (r *Resolved) Apply(os []Override, rules Rules) error {
	for _, o := range os {
		if o.Name == "on" {
			if err := r.Switch(o.Rule, o.Value, o.Source(), rules); err != nil {
				return err
			}
			continue
		}
		if err := r.Set(o.Rule, o.Name, o.Value, o.From, o.Source(), rules); err != nil {
			return err
		}
	}
	return nil
}

// Switch turns a rule on or off, as a draft would.
func (r *Resolved) Switch(rule string, value any, source string, rules Rules) error {
	if _, ok := r.Rules[rule]; !ok {
		if rules == nil {
			return &OverrideError{Msg: fmt.Sprintf("unknown rule %s", rule), Valid: r.ruleIDs()}
		}
		if _, ok := rules(rule); !ok {
			return &OverrideError{Msg: fmt.Sprintf("unknown rule %s", rule), Valid: r.ruleIDs()}
		}
	}
	on, ok := value.(bool)
	if !ok {
		return &OverrideError{Msg: fmt.Sprintf("%s.on takes true or false, not %s (%s)", rule, jsonText(value), typeName(value))}
	}
	r.Rules[rule] = RuleSwitch{On: on, Profile: r.ID, Year: r.Year, Source: source}
	return nil
}

// Set changes a parameter for this run: from "" replaces every dated value by one in force always; a date
// keeps the values that took effect before it and puts this one in force from that date. The value must
// have the type of the value it replaces (a number for a number, a list of strings for a list of strings).
func (r *Resolved) Set(rule, name string, value any, from, source string, rules Rules) error {
	params, known := r.Params[rule]
	var declared []string
	if rules != nil {
		var exists bool
		declared, exists = rules(rule)
		known = known || exists
	}
	if !known {
		return &OverrideError{Msg: fmt.Sprintf("unknown rule %s (rules with parameters in profile %s)", rule, r.ID), Valid: r.paramRules()}
	}
	old, ok := params[name]
	if !ok && !contains(declared, name) {
		valid := map[string]bool{}
		for n := range params {
			valid[n] = true
		}
		for _, n := range declared {
			valid[n] = true
		}
		var names []string
		for n := range valid {
			names = append(names, rule+"."+n)
		}
		sort.Strings(names)
		if len(names) == 0 {
			return &OverrideError{Msg: fmt.Sprintf("rule %s has no parameter %s: it reads no parameters", rule, name)}
		}
		return &OverrideError{Msg: fmt.Sprintf("rule %s has no parameter %s", rule, name), Valid: names}
	}
	for _, v := range old {
		if v.Value == nil {
			continue
		}
		if !sameType(v.Value, value) {
			return &OverrideError{Msg: fmt.Sprintf("%s.%s takes %s like its value %s%s, not %s %s",
				rule, name, typeName(v.Value), jsonText(v.Value), since(v.From), typeName(value), jsonText(value))}
		}
	}
	var kept []Dated
	if from != "" {
		for _, v := range old {
			if v.From < from {
				kept = append(kept, Dated{From: v.From, Value: v.Value, Source: v.Source})
			}
		}
	}
	kept = append(kept, Dated{From: from, Value: value, Source: source})
	if r.Params[rule] == nil {
		r.Params[rule] = map[string][]Dated{}
	}
	r.Params[rule][name] = Param{Values: kept}.dated()
	return nil
}

// Clone is a deep copy (a what-if changes the copy, never the profile as it is).
func (r *Resolved) Clone() *Resolved {
	c := *r
	c.Chain = append([]string(nil), r.Chain...)
	c.Rules = map[string]RuleSwitch{}
	for k, v := range r.Rules {
		c.Rules[k] = v
	}
	c.Params = map[string]map[string][]Dated{}
	for rule, ps := range r.Params {
		c.Params[rule] = map[string][]Dated{}
		for n, vs := range ps {
			c.Params[rule][n] = append([]Dated(nil), vs...)
		}
	}
	c.Obligations = append([]map[string]any(nil), r.Obligations...)
	return &c
}

// At is the value of a parameter in force on date d (YYYY-MM-DD), and whether one is.
func At(vals []Dated, d string) (Dated, bool) {
	for _, v := range vals {
		if v.From <= d && d < v.To {
			return v, true
		}
	}
	return Dated{}, false
}

func (r *Resolved) ruleIDs() []string {
	var ids []string
	for id := range r.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (r *Resolved) paramRules() []string {
	var ids []string
	for id, ps := range r.Params {
		if len(ps) > 0 {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

// ReadDraft reads a draft profile file: the profile format (docs/design.md), usually with `extends`
// naming a built-in profile.
func ReadDraft(file string) (*Source, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var src Source
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if err := dec.Decode(&src); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if src.ID == "" {
		return nil, fmt.Errorf("%s: a draft profile needs an \"id\" (e.g. \"qidong-2024-draft\") and usually \"extends\" (e.g. \"qidong-2023\")", file)
	}
	src.File = file
	return &src, nil
}

// WithDraft is the set with a draft profile added (replacing a profile of the same id). Every parameter
// the draft sets must be one of its rule (the resolved parent's or the rule's METADATA), of the type the
// parent gives it; every rule it names must exist.
func (s *Set) WithDraft(d *Source, rules Rules) (*Set, error) {
	if d.Extends != "" {
		parent, err := s.Resolve(d.Extends)
		if err != nil {
			return nil, fmt.Errorf("%s: extends: %w", d.File, err)
		}
		for rule := range d.Rules {
			if _, ok := parent.Rules[rule]; ok {
				continue
			}
			if rules != nil {
				if _, ok := rules(rule); ok {
					continue
				}
			}
			return nil, &OverrideError{Msg: fmt.Sprintf("%s: unknown rule %s", d.File, rule), Valid: parent.ruleIDs()}
		}
		probe := parent.Clone()
		for rule, ps := range d.Params {
			for name, p := range ps {
				for _, v := range p.dated() {
					if err := probe.Set(rule, name, v.Value, "", v.Source, rules); err != nil {
						return nil, fmt.Errorf("%s: %w", d.File, err)
					}
				}
			}
		}
	}
	n := &Set{byID: map[string]*Source{}}
	for k, v := range s.byID {
		n.byID[k] = v
	}
	n.byID[d.ID] = d
	return n, nil
}

func sameType(a, b any) bool {
	if kind(a) != kind(b) {
		return false
	}
	as, aok := a.([]any)
	bs, bok := b.([]any)
	if aok && bok && len(as) > 0 {
		for _, x := range bs {
			if typeName(x) != typeName(as[0]) {
				return false
			}
		}
	}
	return true
}

// kind is a value's JSON type, lists not told apart by their elements.
func kind(v any) string {
	if _, ok := v.([]any); ok {
		return "list"
	}
	return typeName(v)
}

func typeName(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case float64, json.Number, int:
		return "a number"
	case string:
		return "a string"
	case []any:
		if len(x) > 0 {
			return "a list of " + strings.TrimPrefix(strings.TrimPrefix(typeName(x[0]), "a "), "an ") + "s"
		}
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func since(from string) string {
	if from == "" {
		return ""
	}
	return " in force from " + from
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
