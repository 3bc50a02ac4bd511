from unionhome.core.nav import add

add("选举", "elections:home", "elections.vote", order=60)
add("选举管理", "elections:manage", "elections.manage", order=61)
