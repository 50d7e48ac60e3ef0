# METADATA
# title: helpers for the rules' unit tests
package jiandu.lib.testing

# profile(year, rules, params) builds a resolved profile for a test: rules is a list of rule ids turned
# on by a profile of that year (null year = national), params is {RULE: {name: value}} in force always.
profile(year, rules, params) := {
	"id": "test",
	"name": "test",
	"year": year,
	"chain": ["test"],
	"rules": {id: {"on": true, "profile": "test", "year": year, "source": "test"} | some id in rules},
	"params": object.union(
		{"calendar": {"short_period_working_max": [{"from": "", "to": "9999-12-31", "value": 0, "source": "test"}]}},
		{r: {n: [{"from": "", "to": "9999-12-31", "value": v, "source": sprintf("source of %s.%s", [r, n])}] | some n, v in ps} | some r, ps in params},
	),
	"obligations": [],
}

# run(as_of_date) is a run whose as-of is the end of that day.
run(as_of_date) := {"as_of": sprintf("%sT23:59:59+08:00", [as_of_date]), "as_of_date": as_of_date, "period": null}

# rules_of(fs) is the set of rule ids of a set of findings.
rules_of(fs) := {f.rule | some f in fs}

# records_of(fs) is the set of [rule, record, key] of a set of findings.
keys_of(fs) := {[f.rule, f.record, f.key] | some f in fs}

# dated(entries) completes a hand-written list of dated parameter values (ascending by from) with the
# `to` each is in force until, as the runner's profile resolution does.
dated(entries) := [object.union(e, {"to": until(entries, i)}) | some i, e in entries]

until(entries, i) := entries[i + 1].from if i + 1 < count(entries)

until(entries, i) := "9999-12-31" if i + 1 >= count(entries)
