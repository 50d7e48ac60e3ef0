package jiandu.lib.inspections_test

import data.jiandu.lib.inspections

test_enterprise_label if {
	inspections.enterprise_label({"enterprise": {"credit_code": "E1", "name": "甲公司"}}) == "甲公司（E1）"
	inspections.enterprise_label({"enterprise": {"credit_code": "E1"}}) == "E1"
	inspections.enterprise_label({"enterprise": {"credit_code": "E1", "name": null}}) == "E1"
}

test_joint_with_absent_or_null_is_empty if {
	inspections.joint_with({"id": "I1"}) == []
	inspections.joint_with({"id": "I1", "joint_with": null}) == []
	inspections.joint_with({"id": "I1", "joint_with": ["U2"]}) == ["U2"]
}

test_names_either if {
	inspections.names_either({"unit": "U1", "joint_with": ["U2"]}, {"unit": "U2"})
	inspections.names_either({"unit": "U1"}, {"unit": "U2", "joint_with": ["U1"]})
	not inspections.names_either({"unit": "U1", "joint_with": ["U3"]}, {"unit": "U2", "joint_with": []})
}

test_type_labels if {
	inspections.type_labels(["complaint"]) == "投诉举报"
	inspections.type_labels(["complaint", "special", "x"]) == "投诉举报、专项、x"
	inspections.type_labels([]) == ""
}

test_excluded_note if {
	inspections.excluded_note(["complaint"], "") == "（投诉举报类检查不计）"
	inspections.excluded_note(["complaint"], "联合检查计一次") == "（投诉举报类检查不计，联合检查计一次）"
	inspections.excluded_note([], "联合检查计一次") == "（联合检查计一次）"
	inspections.excluded_note([], "") == ""
}
