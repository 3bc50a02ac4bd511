from unionhome.core.nav import add

add("比赛", "competitions:list", "competitions.view", order=45)
