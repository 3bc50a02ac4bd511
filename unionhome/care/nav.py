from unionhome.core.nav import add

add("关爱", "care:home", "care.view", order=40)
add("困难帮扶", "care:hardship_list", "care.hardship", order=41)
add("妇检", "care:health_list", "care.health", order=42)
add("公示", "care:publicity", "care.publicity", order=43)
