"""What the org services tell the layers above (``core.hooks``): accounts makes the group leader's role follow."""
from unionhome.core.hooks import Hook

group_leader_changed = Hook("org.group_leader_changed",
                            "A group's leader changed: kwargs actor, union, worker_ids (old and new leader).")
