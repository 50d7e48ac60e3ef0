# METADATA
# title: 导出中有无法识别的列或字段
# description: |
#   A column or key that maps to nothing in RECORDS.md is kept out of the records and reported once per
#   file and column, so that a misspelled header does not silently drop data.
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: DATA-04
#   title_en: Column or key that maps to nothing in the export contract
#   severity: info
#   partition: export
#   sources:
#     - RECORDS.md 记录规范
package jiandu.rules.data_04

import data.jiandu.lib
import data.jiandu.rules.data_01

findings contains f if {
	some e in input.facts.unknown_keys
	f := lib.finding(rego.metadata.chain(), {
		"kind": e.kind,
		"record": e.id,
		"key": e.key,
		"message": sprintf("文件 %s 的%s有无法识别的字段“%s”，已忽略；如为拼写错误请改正", [e.id, data_01.kind_zh[e.kind], e.key]),
		"message_en": sprintf("file %s: %s key %q maps to nothing in the export contract and was ignored", [e.id, e.kind, e.key]),
		"detail": {"key": e.key},
		"location": e.location,
	})
}
