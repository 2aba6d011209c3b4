"""Following a plan's activities once it is issued, by concern:

- `periods`: when an activity takes place, whether it is overdue, counts by status;
- `evidence`: what an evidence file is (by its content) and how it is stored;
- `services`: the writes (status and result of an activity, evidence added or removed);
- `calendar`: the months of a month or a quarter with the activities they hold.
"""
