# METADATA
# title: 同类记录编号重复
# description: |
#   Two records of one kind share an id (ids must be unique across every file of one export): one
#   finding per copy after the first, naming the first's location. Every copy is still checked by the
#   other rules; jiandu does not guess which copy is right.
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: DATA-03
#   title_en: Two records of one kind share an id
#   severity: error
#   partition: export
#   sources:
#     - RECORDS.md 记录规范
package jiandu.rules.data_03

import data.jiandu.lib
import data.jiandu.rules.data_01

findings contains f if {
	some e in input.facts.duplicates
	here := where(e.location)
	first := where(e.first)
	f := lib.finding(rego.metadata.chain(), {
		"kind": e.kind,
		"record": e.id,
		"unit": object.get(e, "unit", ""),
		"key": here,
		"message": sprintf("%s编号 %s 重复：%s 与首次出现的 %s 编号相同，请为每条记录使用唯一编号", [data_01.kind_zh[e.kind], e.id, here, first]),
		"message_en": sprintf("%s id %s is used twice: %s repeats the one at %s", [e.kind, e.id, here, first]),
		"detail": {"first": e.first},
		"location": e.location,
	})
}

# where(loc) renders a location: file#pointer, file:line or file cell.
where(loc) := sprintf("%s#%s", [loc.file, loc.pointer]) if loc.pointer

where(loc) := sprintf("%s:%d", [loc.file, loc.line]) if {
	not loc.pointer
	loc.line
}

where(loc) := sprintf("%s %s", [loc.file, loc.cell]) if {
	not loc.pointer
	not loc.line
	loc.cell
}
