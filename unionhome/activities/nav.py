from unionhome.core.nav import add

add("活动", "activities:list", "activities.view", order=40)
add("活动统计", "activities:stats", "activities.stats", order=41)
add("活动室", "activities:room", "room.view", order=42)
