# METADATA
# title: inspection helpers (涉企检查的共用函数)
# description: Labels and joint-inspection look-ups shared by INSP-01, INSP-02 and INSP-03.
package jiandu.lib.inspections

# enterprise_label(i): "name（credit code）", the code alone when the record has no name.
enterprise_label(i) := sprintf("%s（%s）", [i.enterprise.name, i.enterprise.credit_code]) if is_string(i.enterprise.name)

enterprise_label(i) := i.enterprise.credit_code if not is_string(object.get(i.enterprise, "name", null))

# joint_with(i): the units an inspection names as inspecting together ([] when absent or null).
joint_with(i) := j if {
	j := object.get(i, "joint_with", [])
	is_array(j)
} else := []

# names_either(a, b): either record names the other's unit in joint_with.
names_either(a, b) if b.unit in joint_with(a)

names_either(a, b) if a.unit in joint_with(b)

# type_labels(types): inspection types in Chinese for messages, joined with 、.
type_labels(types) := concat("、", [object.get(type_zh, t, t) | some t in types])

type_zh := {"random": "双随机", "complaint": "投诉举报", "special": "专项", "other": "其他"}

# excluded_note(types, more): "（投诉举报类检查不计，more）" for a message; the parts that are empty left out.
excluded_note(types, more) := note if {
	parts := [x | some x in [excluded_part(types), more]; x != ""]
	note := paren(concat("，", parts))
}

excluded_part(types) := sprintf("%s类检查不计", [type_labels(types)]) if count(types) > 0

excluded_part(types) := "" if count(types) == 0

paren(s) := sprintf("（%s）", [s]) if s != ""

paren("") := ""
