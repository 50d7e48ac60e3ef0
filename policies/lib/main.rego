# METADATA
# title: jiandu entry point
# description: |
#   Collects the findings (and the per-unit summaries that export-wide rules read) of every rule the
#   resolved profile turns on. A rule's package is data.jiandu.rules.<id lower-cased, - as _>.
package jiandu.main

import data.jiandu.lib

enabled contains pkg if {
	some id, sw in lib.profile.rules
	sw.on == true
	pkg := lower(replace(id, "-", "_"))
}

findings contains f if {
	some pkg in enabled
	some f in data.jiandu.rules[pkg].findings
}

summary[id] := s if {
	some id, sw in lib.profile.rules
	sw.on == true
	s := data.jiandu.rules[lower(replace(id, "-", "_"))].summary
}

# The KPI counts of a unit partition travel to the export-wide pass with the rules' summaries.
summary["KPI"] := data.jiandu.kpi.counts if input.scope == "unit"

# kpis: the KPI rates (policies/kpi), built in the export-wide pass from the units' counts.
default kpis := []

kpis := data.jiandu.kpi.kpis if input.scope == "export"
