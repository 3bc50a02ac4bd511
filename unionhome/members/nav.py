from unionhome.core.nav import add

add("会员", "members:list", "members.view", order=20)
