# METADATA
# title: 引用的记录不存在
# description: |
#   A reference points nowhere: a record's unit, a case's handlers or legal reviewer, an inspection's
#   joint_with, an incident's officer measures name an id that no record of the export has. A record
#   that failed DATA-01 still resolves as a reference. One finding per reference (key = the field).
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: DATA-02
#   title_en: Reference to a record that does not exist
#   severity: error
#   partition: export
#   sources:
#     - RECORDS.md 记录规范
package jiandu.rules.data_02

import data.jiandu.lib
import data.jiandu.rules.data_01

findings contains f if {
	some e in input.facts.dangling_refs
	f := lib.finding(rego.metadata.chain(), {
		"kind": e.kind,
		"record": e.id,
		"unit": object.get(e, "unit", ""),
		"key": e.field,
		"message": sprintf("%s %s 的 %s 指向不存在的%s %s：请补充该%s记录或改正编号", [
			data_01.kind_zh[e.kind], e.id, e.field, data_01.kind_zh[e.ref_kind], e.ref, data_01.kind_zh[e.ref_kind],
		]),
		"message_en": sprintf("%s %s: %s names %s %s, which the export does not hold", [e.kind, e.id, e.field, e.ref_kind, e.ref]),
		"detail": {"field": e.field, "ref_kind": e.ref_kind, "ref": e.ref},
		"location": e.location,
	})
}
