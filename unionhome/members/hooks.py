"""What the membership services tell the layers above (``core.hooks``): accounts disables and re-opens logins."""
from unionhome.core.hooks import Hook

membership_ended = Hook("members.membership_ended",
                        "A membership was transferred out or ended (left the union): kwargs actor, worker, membership.")
membership_resumed = Hook("members.membership_resumed",
                          ("A membership that had ended is active again (reinstated or transferred in): kwargs actor, "
                           "worker, membership."))
join_admitted = Hook("members.join_admitted",
                     "An applicant was admitted (a join application approved): kwargs actor, application, worker.")
