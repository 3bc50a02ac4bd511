from unionhome.core.nav import add

add("经费", "funds:ledger", "funds.view", order=40)
add("福利政策编制", "funds:policies", "funds.policy_edit", order=41)
