from unionhome.core.nav import add

add("经费", "funds:ledger", "funds.view", order=40)
