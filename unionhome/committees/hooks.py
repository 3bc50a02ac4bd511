"""What the committee services tell the layers above (``core.hooks``): accounts makes roles follow office."""
from unionhome.core.hooks import Hook

offices_changed = Hook("committees.offices_changed",
                       "Someone took up or left an office: kwargs actor, union, workers (the people concerned).")
