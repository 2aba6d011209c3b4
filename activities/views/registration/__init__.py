"""The registration pages: the member unit's own list (`unit`) and the plan's list with the
organiser's tools and the plan page's section (`overview`)."""
