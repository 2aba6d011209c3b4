"""Following a plan's activities once it is issued, by concern:

- `periods`: when an activity takes place, whether it is overdue, counts by status;
- `evidence`: what an evidence file is (by its content) and how it is stored;
- `services`: the writes (status and result of an activity, evidence added or removed);
- `calendar`: the months of a month or a quarter with the activities they hold.

Other apps read the periods through this package.
"""

from activities.tracking.periods import is_overdue, period_label
from activities.tracking.services import activity_track, evidence_add

__all__ = ["activity_track", "evidence_add", "is_overdue", "period_label"]
