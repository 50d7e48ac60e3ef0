# METADATA
# title: 记录不符合导出规范
# description: |
#   A record that fails its kind's JSON Schema (wrong type, unknown enum value, an impossible date such
#   as 2023-02-30, a missing required key), or a part of a file that could not be read: one finding per
#   record with the JSON path and the validator's reason. The loader (Go, jsonschema/v5) finds these; this
#   rule reports them. The record is left out of every other rule and count.
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: DATA-01
#   title_en: Record does not match the export contract
#   severity: error
#   partition: export
#   sources:
#     - RECORDS.md 记录规范
package jiandu.rules.data_01

import data.jiandu.lib

findings contains f if {
	some e in input.facts.schema_errors
	value := object.get(e, "value", "")
	f := lib.finding(rego.metadata.chain(), {
		"kind": e.kind,
		"record": e.id,
		"unit": object.get(e, "unit", ""),
		"message": sprintf("%s %s 不符合导出规范：%s%s；该记录不参与其他规则的检查，请按 RECORDS.md 改正后重新导出", [
			kind_zh[e.kind], e.id, e.reason, shown(value),
		]),
		"message_en": sprintf("%s %s does not match the export contract: %s%s; it is left out of every other rule until fixed", [e.kind, e.id, e.reason, shown_en(value)]),
		"detail": {"path": e.path, "reason": e.reason, "value": value},
		"location": e.location,
	})
}

shown(v) := "" if v == ""

shown(v) := sprintf("（值：%s）", [v]) if v != ""

shown_en(v) := "" if v == ""

shown_en(v) := sprintf(" (value: %s)", [v]) if v != ""

kind_zh := {
	"unit": "执法单位", "officer": "执法人员", "case": "案件", "inspection": "检查",
	"submission": "报送", "incident": "事件", "clue": "线索", "export": "导出文件",
}
