from unionhome.core.nav import add

add("工作台", "dashboard:home", None, order=0)
add("组织", "org:home", "org.view", order=10)
